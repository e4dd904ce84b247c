using FinOps.Application.Access;
using FinOps.Domain.Access;
using FinOps.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace FinOps.Web.Access;

/// <summary>
/// The scope of whoever is asking: a background job acts for the organisation; otherwise the signed-in user of the
/// HTTP request or, inside a Blazor circuit, of the circuit. Resolved once per DI scope (request or circuit).
/// </summary>
internal sealed class UserScope(
    IHttpContextAccessor http, AuthenticationStateProvider authentication, UserScopeResolver resolver) : ICurrentScope
{
    private AccessScope? _resolved;

    public async ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken)
    {
        if (SystemExecution.IsActive) return AccessScope.Unrestricted;
        if (_resolved is not null) return _resolved;
        var principal = http.HttpContext?.User ?? (await authentication.GetAuthenticationStateAsync()).User;
        return _resolved = await resolver.ResolveAsync(principal, cancellationToken);
    }
}
