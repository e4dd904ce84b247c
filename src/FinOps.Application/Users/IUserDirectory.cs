namespace FinOps.Application.Users;

public sealed record UserSummary(
    string Id, string Email, string? DisplayName, string Role, bool IsDisabled, IReadOnlyList<string> TenantSlugs,
    DateTimeOffset? LockedOutUntil);

public sealed record NewUser(string Email, string? DisplayName, string Role, IReadOnlyList<string> TenantSlugs, string Password);

/// <summary>The outcome of a change to a user: done (with the user's id) or refused with reasons.</summary>
public sealed record UserChange(string? UserId, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static UserChange Done(string userId) => new(userId, []);

    public static UserChange Refused(params string[] errors) => new(null, errors);
}

/// <summary>
/// Users, their role and tenant access (ASP.NET Core Identity behind it). Every change is validated, written with
/// its audit entry in one transaction, and signs the user's other sessions out (their security stamp changes).
/// </summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken);

    Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<UserChange> CreateAsync(NewUser user, string actor, CancellationToken cancellationToken);

    Task<UserChange> ChangeAccessAsync(string userId, string role, IReadOnlyList<string> tenantSlugs, string actor, CancellationToken cancellationToken);

    Task<UserChange> SetDisabledAsync(string userId, bool disabled, string actor, CancellationToken cancellationToken);
}
