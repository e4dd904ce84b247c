using FinOps.Testing;
using FinOps.IntegrationTests.Cli;
using FinOps.IntegrationTests.Ingest;
using Npgsql;

namespace FinOps.IntegrationTests.Allocation;

/// <summary>Close, late data as adjustments in the next open period, close order, and a database that refuses tampering.</summary>
public sealed class PeriodCloseTests : IngestTestBase
{
    private const string Usage = "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\n";

    private async Task SeedOctoberAndNovemberAsync()
    {
        await IngestAsync(WriteFile("oct-usage.csv", Usage +
            "o-1,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,1000,0\n" +
            "o-2,2026-10-05T11:00:00Z,globex-bank,search,openai,gpt-4o,1000,0\n"));
        await IngestAsync(WriteFile("oct-costs.csv", "start_time,end_time,amount_value,amount_currency,line_item\n" +
            "2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,10.00,usd,\"gpt-4o-2024-08-06, input\"\n" +
            "2026-11-05T00:00:00Z,2026-11-06T00:00:00Z,4.00,usd,\"gpt-4o-2024-08-06, input\"\n"));
        await IngestAsync(WriteFile("nov-usage.csv", Usage + "n-1,2026-11-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,500,0\n"));
    }

    private Task<CliResult> Cli(params string[] args) => CliProcess.RunAsync(Database.ConnectionString, args);

    private static List<string[]> Rows(CliResult result) =>
        result.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task Late_usage_for_a_closed_period_becomes_adjustments_in_the_next_open_one_and_the_closed_snapshot_stays()
    {
        await SeedOctoberAndNovemberAsync();

        var blocked = await Cli("close", "--period", "2026-10");
        var closed = await Cli("close", "--period", "2026-10", "--acknowledge", "test bill priced per request, known");
        Assert.Equal((1, 0), (blocked.ExitCode, closed.ExitCode));
        Assert.Contains("blocker:", blocked.StdErr);
        Assert.Contains("acknowledge them with a reason", blocked.StdErr);
        Assert.Contains("closed 2026-10", closed.StdErr);
        Assert.Contains("test bill priced per request", await Database.ScalarAsync<string>("select details::text from audit_log where action = 'period.closed'"));

        // Late October usage: globex-bank used three times what acme-retail did, so 2.50 moves from acme to globex.
        var late = await IngestAsync(WriteFile("late.csv", Usage + "o-3,2026-10-05T12:00:00Z,globex-bank,search,openai,gpt-4o,2000,0\n"));
        var novemberRun = await Cli("export", "statements", "--period", "2026-11");
        var november = Rows(novemberRun);
        var october = Rows(await Cli("export", "statements", "--period", "2026-10"));

        var adjustments = november.Where(r => r[3] == "adjustment").Select(r => (r[1], r[15], r[17])).OrderBy(a => a.Item1).ToList();
        Assert.Equal(Application.Ingest.IngestResult.Stored, late.Result);
        Assert.Equal([("acme-retail", "-2.50", "2026-10"), ("globex-bank", "2.50", "2026-10")], adjustments);
        Assert.Equal(4.00m, november.Sum(r => decimal.Parse(r[15], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([("acme-retail", "5.00"), ("globex-bank", "5.00")], october.Where(r => r[3] == "direct").Select(r => (r[1], r[15])).OrderBy(r => r.Item1));

        var periods = (await Cli("periods")).StdOut;
        Assert.Contains("2026-10,closed,10", periods);
        Assert.Contains("2026-11,open,4", periods);
        Assert.Contains(",USD,2,", periods.Split("\r\n").Single(l => l.StartsWith("2026-11")) + ",");
    }

    [Fact]
    public async Task Periods_close_in_order_and_a_closed_period_refuses_a_second_close()
    {
        await IngestAsync(WriteFile("sep.csv", Usage + "s-1,2026-09-20T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,0\n"));
        await SeedOctoberAndNovemberAsync();

        var outOfOrder = await Cli("close", "--period", "2026-10", "--acknowledge", "x");
        var september = await Cli("close", "--period", "2026-09", "--acknowledge", "x");
        var october = await Cli("close", "--period", "2026-10", "--acknowledge", "x");
        var again = await Cli("close", "--period", "2026-10", "--acknowledge", "x");

        Assert.Equal((1, 0, 0, 1), (outOfOrder.ExitCode, september.ExitCode, october.ExitCode, again.ExitCode));
        Assert.Contains("earlier period(s) holding data are not closed: 2026-09", outOfOrder.StdErr);
        Assert.Contains("is closed already", again.StdErr);
    }

    [Theory]
    [InlineData("update closed_statement_lines set amount = amount + 1")]
    [InlineData("delete from closed_statement_lines")]
    [InlineData("update period_closes set total = 0")]
    [InlineData("delete from period_closes")]
    [InlineData("truncate closed_statement_lines, period_closes")]
    [InlineData("""
        insert into closed_statement_lines (period, line_key, line_type, tenant, feature, provider, model, pool, input_tokens, cached_input_tokens,
                                            output_tokens, exact_amount, amount)
        values ('2026-10', 'direct|mallory|x|openai|gpt-4o|', 'direct', 'mallory', 'x', 'openai', 'gpt-4o', '', 0, 0, 0, 1000, 1000)
        """)]
    [InlineData("insert into period_closes (period, closed_at, closed_by, currency, total, snapshot) values ('2026-10', now(), 'mallory', 'USD', 0, '{}')")]
    [InlineData("""
        begin;
        insert into closed_statement_lines (period, line_key, line_type, tenant, feature, provider, model, pool, input_tokens, cached_input_tokens,
                                            output_tokens, exact_amount, amount)
        values ('2026-10', 'direct|mallory|y|openai|gpt-4o|', 'direct', 'mallory', 'y', 'openai', 'gpt-4o', '', 0, 0, 0, 1000, 1000);
        commit;
        """)]
    // Every statement runs as the test server's superuser: the refusals bind the owner and a superuser too.
    public async Task The_database_refuses_to_change_a_closed_snapshot(string tampering)
    {
        await SeedOctoberAndNovemberAsync();
        Assert.Equal(0, (await Cli("close", "--period", "2026-10", "--acknowledge", "x")).ExitCode);
        var before = await Database.ScalarAsync<string>("select string_agg(line_key || amount::text, ';' order by line_key) from closed_statement_lines");
        Assert.True(await Database.ScalarAsync<bool>("select rolsuper from pg_roles where rolname = current_user"));

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(tampering));

        // A truncate may be stopped first by the invoices that reference the close: refused either way.
        Assert.Matches("is closed|cannot truncate a table referenced in a foreign key", refused.MessageText);
        Assert.Equal(before, await Database.ScalarAsync<string>("select string_agg(line_key || amount::text, ';' order by line_key) from closed_statement_lines"));
    }
}
