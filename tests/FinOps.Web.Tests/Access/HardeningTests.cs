using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FinOps.Application.Access.ApiKeys;
using FinOps.Application.Users;
using FinOps.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Access;

/// <summary>The edges of the app over real HTTP: headers, errors, uploads that are too big or malformed, sign-out.</summary>
[Collection(InProcessAppCollection.Name)]
public partial class HardeningTests(InProcessApp app)
{
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_api_answers_are_never_cached()
    {
        var anonymous = await app.SignedInClientAsync(null);
        var finance = await app.SignedInClientAsync("finance@demo.finops");

        var login = await anonymous.GetAsync("/account/login");
        var api = await finance.GetAsync("/api/tenants");
        var jobs = await finance.GetAsync("/jobs");

        foreach (var response in new[] { login, api, jobs })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
        Assert.Contains("script-src 'self';", login.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(api.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task The_error_page_answers_people_with_a_page_and_the_api_with_problem_details_and_never_a_stack_trace()
    {
        var client = await app.SignedInClientAsync(null);

        var page = await client.GetAsync("/error");
        var json = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/error") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } } });
        var pageText = await page.Content.ReadAsStringAsync();
        var jsonText = await json.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("Something went wrong", pageText);
        Assert.Equal(HttpStatusCode.InternalServerError, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType!.MediaType);
        Assert.Contains("traceId", jsonText);
        foreach (var text in new[] { pageText, jsonText })
        {
            Assert.DoesNotContain("Exception", text);
            Assert.DoesNotMatch(StackFrame(), text);
        }
    }

    [Fact]
    public async Task Uploads_that_are_too_big_not_multipart_malformed_or_badly_named_get_their_reason()
    {
        var client = await app.SignedInClientAsync(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateIngestKeyAsync("edges"));
        var batchesBefore = await app.Database.ScalarAsync<long>("select count(*) from ingestion_batches");

        // As curl and other clients do for large bodies: ask first, so the refusal arrives before the bytes are sent.
        var big = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = Form("big.csv", new byte[9 * 1024 * 1024]) };
        big.Headers.ExpectContinue = true;
        var tooBig = await client.SendAsync(big);
        var notMultipart = await client.PostAsync("/api/ingest", new StringContent("request_id\n1\n", Encoding.UTF8, "text/csv"));
        var noBoundary = await client.PostAsync("/api/ingest", new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data"));
        var truncated = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nrequest_id\n", Encoding.UTF8);
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var cut = await client.PostAsync("/api/ingest", truncated);
        var path = await client.PostAsync("/api/ingest", Form("../../etc/passwd", "x"u8.ToArray()));
        var longName = await client.PostAsync("/api/ingest", Form(new string('n', 600) + ".csv", "x"u8.ToArray()));
        var longSource = Form("usage.csv", "x"u8.ToArray());
        longSource.Add(new StringContent(new string('s', 65)), "source");
        var overLongSource = await client.PostAsync("/api/ingest", longSource);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("limit of 8 MB", await tooBig.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBoundary.StatusCode);
        Assert.Contains("multipart body cannot be read", await noBoundary.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, path.StatusCode);
        Assert.Contains("is a path", await path.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Contains("longer than 255 characters", await longName.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, overLongSource.StatusCode);
        // A refused submission leaves no batch behind.
        Assert.Equal(batchesBefore, await app.Database.ScalarAsync<long>("select count(*) from ingestion_batches"));
    }

    [Fact]
    public async Task Behind_an_https_proxy_the_session_cookie_is_secure_and_answers_carry_hsts()
    {
        // A TLS-terminating proxy on this host forwards the scheme; the test client plays it.
        var client = await app.SignedInClientAsync(null);
        var form = await client.GetStringAsync("/account/login");
        var token = FinOps.Testing.AntiforgeryField.In(form);
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = "finance@demo.finops", ["password"] = FinOps.Application.Demo.DemoUsers.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("finops.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        // Over plain HTTP neither is claimed.
        Assert.False((await client.GetAsync("/account/login")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_signed_in_browser_posting_files_without_the_form_token_is_refused()
    {
        var finance = await app.SignedInClientAsync("finance@demo.finops");

        var response = await finance.PostAsync("/api/ingest", Form("usage.csv", "x"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_out_needs_its_form_token_and_ends_the_session_on_the_server()
    {
        const string email = "signout@example.com";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            using var system = FinOps.Application.Access.SystemExecution.Begin();
            var users = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
            if (await users.FindByEmailAsync(email, default) is null)
                Assert.True((await users.CreateAsync(new NewUser(email, null, Roles.FinanceAdmin, [], "a long enough passphrase"), "test", default)).Succeeded);
        }
        var jar = new CookieContainer();
        var client = await app.SignedInClientAsync(email, "a long enough passphrase", jar);
        var cookie = jar.GetCookieHeader(app.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tenants")).StatusCode);

        var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tenants")).StatusCode);

        var page = await client.GetStringAsync("/");
        var token = FinOps.Testing.AntiforgeryField.In(page);
        var signedOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // A copy of the old cookie (stolen, or a second tab) no longer works either.
        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenants");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/tenants/acme-retail\n")]
    [InlineData("/\u0000")]
    public async Task A_return_address_with_control_characters_is_ignored_not_an_error(string returnUrl)
    {
        var client = await app.SignedInClientAsync(null);
        var form = await client.GetStringAsync("/account/login");
        var token = FinOps.Testing.AntiforgeryField.In(form);

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "finance@demo.finops", ["password"] = FinOps.Application.Demo.DemoUsers.Password, ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));

        // Never a server error: either the address is ignored (home page) or the request is refused with its reason.
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        if (response.StatusCode == HttpStatusCode.Redirect) Assert.Equal("/", response.Headers.Location!.OriginalString);
        else Assert.Contains("anti-forgery", body);
    }

    [Fact]
    public async Task One_address_is_limited_to_sixty_sign_in_attempts_a_minute_and_others_are_not()
    {
        // The app trusts X-Forwarded-For from a proxy on this host, as the test client is: each test address is its
        // own partition, so this test spends no other test's quota.
        var client = await app.SignedInClientAsync(null);
        var form = await client.GetStringAsync("/account/login");
        var token = FinOps.Testing.AntiforgeryField.In(form);
        async Task<HttpResponseMessage> AttemptAsync(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["email"] = "nobody@example.com", ["password"] = "not a password at all", ["__RequestVerificationToken"] = token,
                }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            return await client.SendAsync(request);
        }
        const string attacker = "203.0.113.7";

        for (var i = 0; i < 60; i++) Assert.Equal(HttpStatusCode.Redirect, (await AttemptAsync(attacker)).StatusCode);
        var sixtyFirst = await AttemptAsync(attacker);
        var elsewhere = await AttemptAsync("198.51.100.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixtyFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }


    private static MultipartFormDataContent Form(string name, byte[] body)
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(body), "file", name);
        return content;
    }

    [GeneratedRegex(@"^\s+at \S+", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

}
