using FinOps.Application.Access;
using FinOps.Infrastructure.Identity;
using FinOps.Web.Features.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace FinOps.Web.Access;

internal static class AccessSetup
{
    /// <summary>Cookie sign-in over Identity, the named policies, and the caller's scope for every query.</summary>
    public static IServiceCollection AddFinOpsAccess(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(FinOpsUser), typeof(IdentityRole), services).AddSignInManager().AddDefaultTokenProviders();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountEndpoints.LoginPath;
            cookie.AccessDeniedPath = AccountEndpoints.AccessDeniedPath;
            cookie.Cookie.Name = "finops.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS (behind a proxy too: forwarded headers are honoured).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // APIs answer 401/403; only pages redirect to the sign-in form.
            cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        // The security stamp is checked on every request: a sign-out, a role or tenant change or a disabled account
        // ends every open session at once, not a minute later.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.AddAuthorization(Policies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentScope, UserScope>();
        return services;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
