using FinOps.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace FinOps.Web.Access;

/// <summary>Every authorization rule of the app, by name, in one place. Pages and endpoints name a policy, never a role.</summary>
public static class Policies
{
    /// <summary>User administration, ingest, rules, close, the jobs dashboard.</summary>
    public const string FinanceAdmin = nameof(FinanceAdmin);

    /// <summary>Spend pages (overview, tenants' usage): finance and team leads, each within their scope.</summary>
    public const string SpendReader = nameof(SpendReader);

    /// <summary>A tenant's own pages (statements, invoices): all three roles, each within their scope.</summary>
    public const string TenantReader = nameof(TenantReader);

    /// <summary>Sending files in: an API key with the ingest scope, or a signed-in finance admin.</summary>
    public const string IngestWriter = nameof(IngestWriter);

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(IngestWriter, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKey.IngestScope)
                                         || context.User.IsInRole(Roles.FinanceAdmin)));
        options.AddPolicy(FinanceAdmin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.FinanceAdmin));
        options.AddPolicy(SpendReader, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.FinanceAdmin, Roles.TeamLead));
        options.AddPolicy(TenantReader, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.All.ToArray()));
        // Anything that names no policy still requires sign-in.
        options.FallbackPolicy = options.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
