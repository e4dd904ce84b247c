using System.Security.Claims;
using Bunit;
using FinOps.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace FinOps.Web.Tests.Shell;

/// <summary>
/// bUnit with MudBlazor and the app's real authorization policies: a user is a principal with a role claim, and
/// AuthorizeView evaluates the same named policies the app does.
/// </summary>
public abstract class ShellTestContext : BunitContext, IAsyncLifetime
{
    protected ShellTestContext()
    {
        // Pages over a real database wait for queries, not for time: the limit only stops a hung test on a busy machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(120);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddAuthorizationCore(Policies.Configure);
        // bUnit registers placeholders that throw; the real services evaluate the real policies.
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddCascadingAuthenticationState();
        // The shell's bell, with nothing in it: the notification centre itself is tested over a real database.
        Services.AddSingleton<FinOps.Application.Notifications.INotificationInbox, EmptyInbox>();
        // Pages read the primary unless a test says they read a replica this far behind.
        Services.AddSingleton<FinOps.Application.Abstractions.IDataFreshness>(Freshness);
    }

    protected FixedFreshness Freshness { get; } = new();

    protected sealed class FixedFreshness : FinOps.Application.Abstractions.IDataFreshness
    {
        public FinOps.Application.Abstractions.DataAsOf? Value { get; set; }

        public Task<FinOps.Application.Abstractions.DataAsOf?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Value);
    }

    private sealed class EmptyInbox : FinOps.Application.Notifications.INotificationInbox
    {
        public Task<IReadOnlyList<FinOps.Domain.Notifications.NotificationGroup>> ListAsync(string userId, int take, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FinOps.Domain.Notifications.NotificationGroup>>([]);
        public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(0);
        public Task MarkReadAsync(string userId, IReadOnlyCollection<long>? notificationIds, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    protected void SignInAs(string email, string? role)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, email), new(ClaimTypes.NameIdentifier, email) };
        if (role is not null) claims.Add(new Claim(ClaimTypes.Role, role));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(principal));
        InteractiveServer();
    }

    protected void SignedOut()
    {
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
        InteractiveServer();
    }

    // After all services: touching the renderer builds the service provider.
    private void InteractiveServer() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class FixedAuthenticationState(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }
}
