namespace FinOps.Application.Users;

public sealed record UserSummary(
    string Id, string Email, string? DisplayName, string Role, bool IsDisabled, IReadOnlyList<string> TenantSlugs,
    DateTimeOffset? LockedOutUntil);

/// <param name="Password">The initial password; null invites the user instead (they choose it through a one-time link).</param>
public sealed record NewUser(string Email, string? DisplayName, string Role, IReadOnlyList<string> TenantSlugs, string? Password);

/// <summary>A one-time token with which an invited user sets their password.</summary>
public sealed record Invitation(string UserId, string Email, string Token);

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

    /// <summary>Creates the user without a password and returns the one-time token of their invitation link.</summary>
    Task<(UserChange Change, Invitation? Invitation)> InviteAsync(NewUser user, string actor, CancellationToken cancellationToken);

    /// <summary>Sets the password of an invited user with their token; refused when the token is wrong or used.</summary>
    Task<UserChange> AcceptInvitationAsync(string email, string token, string password, CancellationToken cancellationToken);

    Task<UserChange> ChangeAccessAsync(string userId, string role, IReadOnlyList<string> tenantSlugs, string actor, CancellationToken cancellationToken);

    Task<UserChange> SetDisabledAsync(string userId, bool disabled, string actor, CancellationToken cancellationToken);
}
