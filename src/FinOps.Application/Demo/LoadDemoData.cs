using FinOps.Application.Seeding;
using FinOps.Application.Users;

namespace FinOps.Application.Demo;

public sealed record DemoLoadResult(SeedResult Seed, IReadOnlyList<string> UsersCreated);

/// <summary>
/// Turns an empty database into a demo: starter tenants and features, and one sign-in per role. Idempotent.
/// Demo users are created only here — a real install starts with <c>./finops admin create</c>.
/// </summary>
public sealed class LoadDemoData(SeedReferenceData seed, IUserDirectory users)
{
    public async Task<DemoLoadResult> HandleAsync(CancellationToken cancellationToken)
    {
        var seeded = await seed.HandleAsync(cancellationToken);
        var created = new List<string>();
        foreach (var demo in DemoUsers.All)
        {
            if (await users.FindByEmailAsync(demo.Email, cancellationToken) is not null) continue;
            var change = await users.CreateAsync(
                new NewUser(demo.Email, demo.DisplayName, demo.Role, demo.TenantSlugs, DemoUsers.Password), "demo", cancellationToken);
            if (!change.Succeeded) throw new InvalidOperationException($"Demo user {demo.Email}: {string.Join("; ", change.Errors)}");
            created.Add(demo.Email);
        }
        return new DemoLoadResult(seeded, created);
    }
}
