using System.Text.Json;
using FinOps.Application.Users;
using FinOps.Domain.Access;
using FinOps.Domain.Audit;
using FinOps.Domain.Tenancy;
using FinOps.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Identity;

/// <summary>
/// <see cref="IUserDirectory"/> over ASP.NET Core Identity. The UserManager and this class share one scoped
/// context, so a user change, its tenant assignments and its audit entry commit in one transaction.
/// </summary>
internal sealed class UserDirectory(UserManager<FinOpsUser> users, FinOpsDbContext db, TimeProvider clock) : IUserDirectory
{
    private const string InvalidInvitation = "this invitation link is not valid or was used already";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        Unscoped();
        var rows = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.IsDisabled, u.LockoutEnd,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                Tenants = db.TenantAssignments.Where(a => a.UserId == u.Id)
                    .Join(db.Tenants, a => a.TenantId, t => t.Id, (_, t) => t.Slug).ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(u => new UserSummary(
                u.Id, u.Email ?? "", u.DisplayName, u.Role ?? "", u.IsDisabled,
                u.Tenants.Select(s => s.Value).Order(StringComparer.Ordinal).ToList(),
                u.LockoutEnd > now && !u.IsDisabled ? u.LockoutEnd : null))
            .ToList();
    }

    public async Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        return user is null ? null : (await ListAsync(cancellationToken)).SingleOrDefault(u => u.Id == user.Id);
    }

    public async Task<UserChange> CreateAsync(NewUser request, string actor, CancellationToken cancellationToken)
    {
        Unscoped();
        var (tenants, refusal) = await ResolveAccessAsync(request.Role, request.TenantSlugs, cancellationToken);
        if (refusal is not null) return UserChange.Refused(refusal);
        if (await users.FindByEmailAsync(request.Email) is not null) return UserChange.Refused($"a user with e-mail {request.Email} exists");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new FinOpsUser
        {
            UserName = request.Email.Trim(),
            Email = request.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = request.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, request.Password);
        if (!created.Succeeded) return UserChange.Refused(created.Errors.Select(e => e.Description).ToArray());
        var role = await users.AddToRoleAsync(user, request.Role);
        if (!role.Succeeded) return UserChange.Refused(role.Errors.Select(e => e.Description).ToArray());

        db.TenantAssignments.AddRange(tenants.Select(t => new TenantAssignment { UserId = user.Id, TenantId = t.Id }));
        Audit(actor, request.Password is null ? "user.invited" : "user.created", user.Id,
            new { email = user.Email, role = request.Role, tenants = Slugs(tenants) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UserChange.Done(user.Id);
    }

    public async Task<(UserChange Change, Invitation? Invitation)> InviteAsync(NewUser request, string actor, CancellationToken cancellationToken)
    {
        var change = await CreateAsync(request with { Password = null }, actor, cancellationToken);
        if (!change.Succeeded) return (change, null);
        var user = (await users.FindByIdAsync(change.UserId!))!;
        // A password-reset token: single use (it is bound to the security stamp, which setting the password changes).
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return (change, new Invitation(user.Id, user.Email!, token));
    }

    public async Task<UserChange> AcceptInvitationAsync(string email, string token, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        // One answer for an unknown address, a disabled account and a used or wrong token: the form tells no one which.
        if (user is null || user.IsDisabled) return UserChange.Refused(InvalidInvitation);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
            return UserChange.Refused(result.Errors.Select(e => e.Code == "InvalidToken" ? InvalidInvitation : e.Description).ToArray());
        Unscoped();
        Audit(email, "user.invitation_accepted", user.Id, new { email });
        await db.SaveChangesAsync(cancellationToken);
        return UserChange.Done(user.Id);
    }

    public async Task<UserChange> ChangeAccessAsync(string userId, string role, IReadOnlyList<string> tenantSlugs, string actor, CancellationToken cancellationToken)
    {
        Unscoped();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserChange.Refused("no such user");
        var (tenants, refusal) = await ResolveAccessAsync(role, tenantSlugs, cancellationToken);
        if (refusal is not null) return UserChange.Refused(refusal);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var oldRoles = await users.GetRolesAsync(user);
        var oldTenants = await db.TenantAssignments.Where(a => a.UserId == userId)
            .Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new { Assignment = a, t.Slug })
            .ToListAsync(cancellationToken);

        if (!oldRoles.SequenceEqual([role]))
        {
            await users.RemoveFromRolesAsync(user, oldRoles);
            await users.AddToRoleAsync(user, role);
        }
        db.TenantAssignments.RemoveRange(oldTenants.Select(o => o.Assignment));
        db.TenantAssignments.AddRange(tenants.Select(t => new TenantAssignment { UserId = userId, TenantId = t.Id }));
        Audit(actor, "user.access_changed", userId, new
        {
            email = user.Email,
            old = new { roles = oldRoles, tenants = oldTenants.Select(o => o.Slug.Value).Order(StringComparer.Ordinal) },
            @new = new { roles = new[] { role }, tenants = Slugs(tenants) },
        });
        await db.SaveChangesAsync(cancellationToken);
        await users.UpdateSecurityStampAsync(user); // their open sessions pick up the new access
        await transaction.CommitAsync(cancellationToken);
        return UserChange.Done(userId);
    }

    public async Task<UserChange> SetDisabledAsync(string userId, bool disabled, string actor, CancellationToken cancellationToken)
    {
        Unscoped();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserChange.Refused("no such user");
        if (user.IsDisabled == disabled) return UserChange.Done(userId);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsDisabled = disabled;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        Audit(actor, disabled ? "user.disabled" : "user.enabled", userId, new { email = user.Email });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UserChange.Done(userId);
    }

    // User administration is a FinanceAdmin function (enforced by policy on its page and commands); it must see
    // every tenant to assign them.
    private void Unscoped() => db.Scope = AccessScope.Unrestricted;

    private async Task<(List<Tenant> Tenants, string? Refusal)> ResolveAccessAsync(string role, IReadOnlyList<string> tenantSlugs, CancellationToken cancellationToken)
    {
        var slugs = new List<Slug>();
        foreach (var text in tenantSlugs.Distinct())
        {
            if (!Slug.TryParse(text, out var slug, out var reason)) return ([], reason);
            slugs.Add(slug);
        }
        if (AccessRules.Validate(role, slugs.Count) is { } invalid) return ([], invalid);
        var tenants = await db.Tenants.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        var unknown = slugs.Except(tenants.Select(t => t.Slug)).Select(s => s.Value).ToList();
        return unknown.Count > 0 ? ([], $"unknown tenant(s): {string.Join(", ", unknown)}") : (tenants, null);
    }

    private static IEnumerable<string> Slugs(IEnumerable<Tenant> tenants) => tenants.Select(t => t.Slug.Value).Order(StringComparer.Ordinal);

    private void Audit(string actor, string action, string userId, object details) =>
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = "user",
            EntityId = userId,
            Details = JsonSerializer.Serialize(details),
        });
}
