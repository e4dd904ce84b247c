using System.Net;

namespace FinOps.Testing;

/// <summary>An HTTP client signed in through the real sign-in form, as a browser posts it: cookies kept, redirects not followed.</summary>
public static class FormSignIn
{
    public static async Task<HttpClient> ClientAsync(Uri baseAddress, string? email, string password, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5),
        };
        if (email is null) return client;

        var token = AntiforgeryField.In(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.Contains("/account/login"))
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }
}
