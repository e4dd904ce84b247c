using FinOps.Web.Access;
using FinOps.Application.Users;
using FinOps.Domain.Access;
using FinOps.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Serilog.Context;

namespace FinOps.Web.Features.Account;

/// <summary>
/// Sign-in and sign-out are plain form posts (with antiforgery): a cookie can only be written by an HTTP response,
/// never from inside a Blazor circuit.
/// </summary>
internal static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string SetPasswordPath = "/account/set-password";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInThrottle.Policy);
        account.MapPost("/sign-out", SignOutAsync);
        account.MapPost("/set-password", SetPasswordAsync).AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<FinOpsUser> signIn, ILogger<SignInAttempt> log)
    {
        using var _ = LogContext.PushProperty("User", email);
        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is { IsDisabled: true })
            return Back("disabled", returnUrl);

        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            log.LogWarning("Sign-in refused: locked out after repeated failures");
            return Back("locked", returnUrl);
        }
        if (!result.Succeeded)
        {
            log.LogWarning("Sign-in failed");
            return Back("invalid", returnUrl);
        }

        log.LogInformation("Signed in");
        var roles = await signIn.UserManager.GetRolesAsync(user!);
        var landing = Landing.For(roles);
        // "/" is where the sign-in page sends everyone by default; a tenant viewer's home is elsewhere.
        return Results.LocalRedirect(IsLocal(returnUrl) && returnUrl != "/" ? returnUrl! : landing);
    }

    /// <summary>
    /// Sign-out is a form post with its antiforgery token (no other site can sign anyone out) and ends the session on
    /// the server too: a new security stamp makes every copy of the old cookie invalid at its next request.
    /// </summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SignInManager<FinOpsUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Problem("The sign-out form has expired: reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
        if (await signIn.UserManager.GetUserAsync(http.User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return Results.LocalRedirect(LoginPath);
    }

    /// <summary>An invited user chooses their password with the one-time token of their link.</summary>
    private static async Task<IResult> SetPasswordAsync(
        [FromForm] string email, [FromForm] string token, [FromForm] string password, [FromForm] string confirm,
        IUserDirectory users, CancellationToken cancellationToken)
    {
        string Again(string error) =>
            $"{SetPasswordPath}?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}&error={Uri.EscapeDataString(error)}";
        if (password != confirm) return Results.LocalRedirect(Again("The two passwords differ."));
        var change = await users.AcceptInvitationAsync(email, token, password, cancellationToken);
        return change.Succeeded
            ? Results.LocalRedirect($"{LoginPath}?notice=password-set")
            : Results.LocalRedirect(Again(string.Join(" ", change.Errors)));
    }

    private static IResult Back(string error, string? returnUrl) =>
        Results.LocalRedirect($"{LoginPath}?error={error}" + (IsLocal(returnUrl) ? $"&returnUrl={Uri.EscapeDataString(returnUrl!)}" : ""));

    // Only paths on this site: never an open redirect to another host. Browsers drop tabs and newlines from URLs, so
    // "/\t/evil.example" would become "//evil.example": a control character anywhere makes the address unusable.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") && url != "/"
        && !url.Any(char.IsControl) && Uri.IsWellFormedUriString(url, UriKind.Relative);

    /// <summary>Log category of sign-in attempts.</summary>
    internal sealed class SignInAttempt;
}
