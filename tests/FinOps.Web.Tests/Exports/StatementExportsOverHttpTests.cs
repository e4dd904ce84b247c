using System.Net;
using FinOps.Testing;
using FinOps.Web.Tests.Access;

namespace FinOps.Web.Tests.Exports;

/// <summary>
/// The statement and reconciliation exports of a generated month, downloaded over real HTTP (Kestrel): whole, with
/// their content type and file name, and row for row what <c>./finops export statements</c> writes.
/// </summary>
[Collection(InProcessAppCollection.Name)]
public class StatementExportsOverHttpTests(InProcessApp app)
{
    private static readonly string Period = InProcessApp.GeneratedMonth.ToString();

    [Theory]
    [InlineData("csv", "csv")]
    [InlineData("focus", "focus")]
    public async Task The_full_export_of_a_generated_month_equals_the_clis_row_for_row(string format, string cliFormat)
    {
        var finance = await app.SignedInClientAsync("finance@demo.finops");

        var response = await finance.GetAsync($"/api/statements?period={Period}&format={format}");
        var body = await response.Content.ReadAsStringAsync();
        var cli = await CliProcess.RunAsync(app.Database.ConnectionString, "export", "statements", "--period", Period, "--format", cliFormat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith($"statements-{Period}", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal(0, cli.ExitCode);
        var http = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var expected = cli.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // More than a text writer's buffer: beyond that, the body used to come back empty (a synchronous flush refused).
        Assert.True(body.Length > 4 * 1024, $"only {body.Length} bytes");
        Assert.Equal(expected.Length, http.Length);
        Assert.Equal(expected, http);
    }

    [Fact]
    public async Task Negative_amounts_stay_numbers_and_the_reconciliation_csv_downloads_whole()
    {
        var finance = await app.SignedInClientAsync("finance@demo.finops");

        var statements = await finance.GetStringAsync($"/api/statements?period={Period}&format=csv");
        var reconciliation = await finance.GetAsync($"/api/reconciliation/{Period}.csv");
        var reconciliationBody = await reconciliation.Content.ReadAsStringAsync();

        Assert.DoesNotContain(",'-", statements);
        Assert.Equal(HttpStatusCode.OK, reconciliation.StatusCode);
        Assert.Equal($"reconciliation-{Period}-day.csv", reconciliation.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var rows = reconciliationBody.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("provider,model,window_start", rows[0]);
        // Every window of the stored run, none lost at the end of a buffer.
        Assert.Equal(await app.Database.ScalarAsync<long>(
            $"select count(*) from reconciliation_rows r join reconciliation_runs u on u.id = r.run_id where u.period = '{Period}' and u.window_kind = 'Day'"), rows.Length - 1);
    }

    [Theory]
    [InlineData("finance@demo.finops")]
    [InlineData("lead@demo.finops")]
    [InlineData("viewer@demo.finops")]
    public async Task A_malformed_period_is_a_clear_400_for_every_role(string email)
    {
        var client = await app.SignedInClientAsync(email);

        var response = await client.GetAsync("/api/statements?period=garbage");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'garbage' is not a period", await response.Content.ReadAsStringAsync());
    }
}
