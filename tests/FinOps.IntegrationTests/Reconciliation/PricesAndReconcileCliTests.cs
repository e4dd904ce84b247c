using FinOps.Testing;
using FinOps.IntegrationTests.Cli;
using FinOps.IntegrationTests.Ingest;

namespace FinOps.IntegrationTests.Reconciliation;

/// <summary>The price card CSV and the reconcile command through the real CLI process.</summary>
public sealed class PricesAndReconcileCliTests : IngestTestBase
{
    private const string Header = "provider,model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok,currency,batch_discount_pct,note";

    [Fact]
    public async Task The_seeded_list_prices_export_and_an_import_in_any_column_order_changes_and_audits_a_card()
    {
        var export = await CliProcess.RunAsync(Database.ConnectionString, "prices", "export");
        Assert.Equal(0, export.ExitCode);
        Assert.StartsWith(Header + "\r\n", export.StdOut);
        Assert.Contains("openai,gpt-4o,2024-01-01T00:00:00Z,2.50,10.00,1.25,USD,50,", export.StdOut);

        var path = WriteFile("negotiated.csv", "currency,model,provider,effective_from,output_per_mtok,input_per_mtok,cached_input_per_mtok\n" +
                                               "USD,gpt-4o,openai,2026-10-01,8.00,2.00,1.00\nUSD,gpt-4o,openai,2024-01-01,10.00,2.50,1.25\n");
        var import = await CliProcess.RunAsync(Database.ConnectionString, "prices", "import", path);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("1 added, 1 changed, 0 unchanged", import.StdErr);
        Assert.Equal(2.00m, await Database.ScalarAsync<decimal>(
            "select c.input_per_m_tok from price_cards c join models m on m.id = c.model_id join providers p on p.id = m.provider_id where p.slug = 'openai' and m.name = 'gpt-4o' and c.effective_from = '2026-10-01'"));
        // The seeded card had batch 50 % and a note; the imported row states neither, so it changed — audited old → new.
        var audit = await Database.ScalarAsync<string>("select details::text from audit_log where action = 'price_card.changed'");
        Assert.Contains("\"batch_discount_pct\": 50", audit);
        Assert.Contains("\"new\"", audit);
    }

    [Fact]
    public async Task A_file_with_any_bad_row_imports_nothing_and_lists_every_problem_with_its_line()
    {
        var before = await Database.ScalarAsync<long>("select count(*) from price_cards");
        var path = WriteFile("bad.csv", Header + "\n" +
                                        "openai,gpt-4o,2026-10-01,2.00,8.00,1.00,USD,,\n" +
                                        "openai,gpt-4o-mini,2026-10-01,-1,8.00,1.00,USD,,\n" +
                                        "anthropic,claude-sonnet-4,yesterday,3,15,0.3,USD,,\n" +
                                        "anthropic,claude-sonnet-4,2026-10-01,3,15,0.3,EUR,,\n" +
                                        "anthropic,claude-3-5-haiku,2026-10-01,1,4,0.1,USD,120,\n");

        var import = await CliProcess.RunAsync(Database.ConnectionString, "prices", "import", path);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("bad.csv: line 3, column input_per_mtok: a price cannot be negative (-1)", import.StdErr);
        Assert.Contains("bad.csv: line 4, column effective_from: 'yesterday' is not a date", import.StdErr);
        Assert.Contains("bad.csv: line 5, column currency: EUR is not the organisation currency USD", import.StdErr);
        Assert.Contains("bad.csv: line 6, column batch_discount_pct: a discount is 0 to 100 percent, not 120", import.StdErr);
        Assert.Contains("refused, nothing imported (4 problem(s))", import.StdErr);
        Assert.Equal(before, await Database.ScalarAsync<long>("select count(*) from price_cards"));
    }

    [Fact]
    public async Task Reconcile_csv_has_exactly_the_contract_columns_and_nothing_else_on_stdout()
    {
        await IngestAsync(WriteFile("usage.csv", UsageCsv(0, 50)));

        var result = await CliProcess.RunAsync(Database.ConnectionString, "reconcile", "--period", "2026-10", "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var lines = result.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("provider,model,window_start,window_end,billed_input_tokens,billed_output_tokens,billed_cached_input_tokens," +
                     "logged_input_tokens,logged_output_tokens,logged_cached_input_tokens,billed_cost,expected_cost,currency,status", lines[0]);
        // 50 requests 7 minutes apart from 1 Oct 00:00: logged on the 1st only, nothing billed.
        Assert.Equal(2, lines.Length);
        var row = lines[1].Split(',');
        Assert.Equal(("openai", "gpt-4o", "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z", "unbilled"), (row[0], row[1], row[2], row[3], row[13]));
        Assert.Equal(Enumerable.Range(0, 50).Sum(i => 100L + i % 50 - i % 20).ToString(), row[7]);
        Assert.Contains("1 flagged (1 unbilled)", result.StdErr);
    }
}
