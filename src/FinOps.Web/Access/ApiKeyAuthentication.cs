using System.Security.Claims;
using System.Text.Encodings.Web;
using FinOps.Application.Access.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FinOps.Web.Access;

/// <summary>
/// Automation signs in with an API key: <c>Authorization: Bearer fo_…</c> or <c>X-Api-Key: fo_…</c>. A request
/// without one is left to the cookie scheme; a wrong or revoked key is refused (401).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ManageApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "finops:scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers["X-Api-Key"].FirstOrDefault();
        if (presented is null && Request.Headers.Authorization.FirstOrDefault() is { } header
                              && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = header["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(presented)) return AuthenticateResult.NoResult();

        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("invalid or revoked API key");
        var claims = new List<Claim> { new(ClaimTypes.Name, $"api-key:{key.Name}"), new(ClaimTypes.NameIdentifier, $"api-key:{key.Id}") };
        claims.AddRange(key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"finops\", error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
