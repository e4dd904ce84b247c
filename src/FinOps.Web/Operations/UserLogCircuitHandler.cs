using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Serilog.Context;

namespace FinOps.Web.Operations;

/// <summary>
/// Blazor events (clicks, renders) do not pass through HTTP middleware; this names the circuit's user on every
/// event an interaction logs.
/// </summary>
internal sealed class UserLogCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            using (LogContext.PushProperty("User", Logging.UserName(state.User)))
                await next(context);
        };
}
