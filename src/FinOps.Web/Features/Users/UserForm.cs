using FinOps.Domain.Access;

namespace FinOps.Web.Features.Users;

/// <summary>What the user dialog edits; validated by the directory, which has the final word.</summary>
public sealed class UserForm
{
    public string Email { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Role { get; set; } = Roles.TeamLead;
    public IReadOnlyCollection<string> TenantSlugs { get; set; } = [];
    public string Password { get; set; } = "";
}
