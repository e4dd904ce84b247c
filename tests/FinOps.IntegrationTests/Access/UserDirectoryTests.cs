using System.Text.Json;
using FinOps.Application.Demo;
using FinOps.Application.Seeding;
using FinOps.Application.Users;
using FinOps.Domain.Access;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Access;

public class UserDirectoryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private IUserDirectory Directory => _services.CreateScope().ServiceProvider.GetRequiredService<IUserDirectory>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _services = TestDatabases.ServicesFor(_database.ConnectionString);
        await _services.GetRequiredService<SeedReferenceData>().HandleAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_team_lead_is_created_with_role_tenants_and_an_audit_entry()
    {
        var change = await Directory.CreateAsync(
            new NewUser("lead@example.com", "Lee", Roles.TeamLead, ["acme-retail", "initech"], "correct horse battery"), "finance@example.com", default);

        var user = await Directory.FindByEmailAsync("lead@example.com", default);
        Assert.True(change.Succeeded, string.Join(" ", change.Errors));
        Assert.Equal(Roles.TeamLead, user!.Role);
        Assert.Equal(["acme-retail", "initech"], user.TenantSlugs);
        var details = await _database.ScalarAsync<string>("select details::text from audit_log where action = 'user.created'");
        Assert.Equal("finance@example.com", await _database.ScalarAsync<string>("select actor from audit_log where action = 'user.created'"));
        Assert.Contains("initech", details);
    }

    [Theory]
    [InlineData(Roles.TeamLead, new string[0], "at least one tenant")]
    [InlineData(Roles.TenantViewer, new[] { "acme-retail", "initech" }, "exactly one tenant")]
    [InlineData(Roles.FinanceAdmin, new[] { "acme-retail" }, "assign no tenants")]
    [InlineData(Roles.TeamLead, new[] { "no-such-tenant" }, "unknown tenant(s): no-such-tenant")]
    [InlineData("Auditor", new string[0], "unknown role")]
    public async Task Access_that_does_not_fit_the_role_is_refused_and_nothing_is_stored(string role, string[] tenants, string reason)
    {
        var change = await Directory.CreateAsync(new NewUser("x@example.com", null, role, tenants, "correct horse battery"), "admin", default);

        Assert.False(change.Succeeded);
        Assert.Contains(change.Errors, e => e.Contains(reason));
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from users"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from audit_log"));
    }

    [Theory]
    [InlineData("password1234", "lists of common passwords")]
    [InlineData("Qwerty-123456", "lists of common passwords")]
    [InlineData("abcabcabcabc", "repeats a few characters")]
    [InlineData("zzzzzzzzzzzzzz", "repeats a few characters")]
    [InlineData("0123456789012", "run of keys or numbers")]
    [InlineData("jane.doe2026!!", "your own e-mail name")]
    public async Task Passwords_people_guess_first_are_refused_with_the_reason(string password, string reason)
    {
        var change = await Directory.CreateAsync(new NewUser("jane.doe@example.com", null, Roles.FinanceAdmin, [], password), "admin", default);

        Assert.False(change.Succeeded);
        Assert.Contains(change.Errors, e => e.Contains(reason));
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from users"));
    }

    [Fact]
    public async Task A_long_passphrase_of_ones_own_is_accepted()
    {
        Assert.True((await Directory.CreateAsync(new NewUser("jane.doe@example.com", null, Roles.FinanceAdmin, [], "rivers under the old mill"), "admin", default)).Succeeded);
    }

    [Fact]
    public async Task Short_passwords_are_refused_by_the_password_rules()
    {
        var change = await Directory.CreateAsync(new NewUser("x@example.com", null, Roles.FinanceAdmin, [], "short1!"), "admin", default);

        Assert.False(change.Succeeded);
        Assert.Contains(change.Errors, e => e.Contains("12"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from users"));
    }

    [Fact]
    public async Task Changing_access_replaces_role_and_tenants_and_audits_old_and_new()
    {
        var id = (await Directory.CreateAsync(new NewUser("u@example.com", null, Roles.TeamLead, ["acme-retail"], "correct horse battery"), "admin", default)).UserId!;
        var stampBefore = await _database.ScalarAsync<string>($"select security_stamp from users where id = '{id}'");

        var change = await Directory.ChangeAccessAsync(id, Roles.TenantViewer, ["globex-bank"], "admin", default);

        var user = await Directory.FindByEmailAsync("u@example.com", default);
        Assert.True(change.Succeeded, string.Join(" ", change.Errors));
        Assert.Equal(Roles.TenantViewer, user!.Role);
        Assert.Equal(["globex-bank"], user.TenantSlugs);
        Assert.NotEqual(stampBefore, await _database.ScalarAsync<string>($"select security_stamp from users where id = '{id}'"));
        using var details = JsonDocument.Parse(await _database.ScalarAsync<string>("select details::text from audit_log where action = 'user.access_changed'"));
        Assert.Equal("acme-retail", details.RootElement.GetProperty("old").GetProperty("tenants")[0].GetString());
        Assert.Equal("globex-bank", details.RootElement.GetProperty("new").GetProperty("tenants")[0].GetString());
    }

    [Fact]
    public async Task Disabling_a_user_locks_them_out_and_is_audited()
    {
        var id = (await Directory.CreateAsync(new NewUser("u@example.com", null, Roles.FinanceAdmin, [], "correct horse battery"), "admin", default)).UserId!;

        await Directory.SetDisabledAsync(id, true, "admin", default);

        var user = await Directory.FindByEmailAsync("u@example.com", default);
        Assert.True(user!.IsDisabled);
        Assert.True(await _database.ScalarAsync<bool>($"select lockout_end > now() + interval '100 years' from users where id = '{id}'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from audit_log where action = 'user.disabled'"));
    }

    [Fact]
    public async Task Demo_users_exist_only_after_the_demo_is_loaded_and_loading_twice_adds_none()
    {
        Assert.Empty(await Directory.ListAsync(default));

        var first = await _services.GetRequiredService<LoadDemoData>().HandleAsync(default);
        var second = await _services.GetRequiredService<LoadDemoData>().HandleAsync(default);

        Assert.Equal(DemoUsers.All.Select(u => u.Email), first.UsersCreated);
        Assert.Empty(second.UsersCreated);
        Assert.Equal(DemoUsers.All.Count, (await Directory.ListAsync(default)).Count);
    }
}
