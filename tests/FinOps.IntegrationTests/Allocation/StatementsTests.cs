using FinOps.Testing;
using System.Globalization;
using FinOps.Application.Allocation;
using FinOps.Application.Demo;
using FinOps.IntegrationTests.Cli;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Allocation;

/// <summary>Statements of a generated month through the CLI: identity to the cent, rules as code, the CSV contract.</summary>
public sealed class StatementsTests : IngestTestBase
{
    private const string Header = "period,tenant,feature,line_type,provider,model,pool,rule_id,rule_version,driver,driver_quantity,share,input_tokens,cached_input_tokens,output_tokens,cost,currency,adjusts_period";

    /// <summary>Each test starts from its own copy of a generated October (loaded once per run into a template).</summary>
    protected override Task<FinOps.Testing.TestDatabase> CreateDatabaseAsync() => FinOps.Testing.TestDatabases.CreateWithDemoMonthAsync();

    [Fact]
    public async Task A_generated_months_statements_hold_every_cost_to_the_cent_and_the_export_round_trips()
    {
        var path = Path.Combine(Folder, "statements.csv");

        var result = await CliProcess.RunAsync(Database.ConnectionString, "export", "statements", "--period", "2026-10", "--out", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("identity holds", result.StdErr);
        var lines = File.ReadAllLines(path);
        Assert.Equal(Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        // Every cost of October: the month's bills (usage reports count tokens, not money) and the pool's infra costs.
        var costs = await Database.ScalarAsync<decimal>("""
            select (select sum(l.effective_cost) from billing_lines l join ingestion_files f on f.id = l.file_id
                    where f.kind <> 'VendorUsage' and l.superseded_by_file_id is null)
                 + (select sum(amount) from infra_costs)
            """);
        var exported = rows.Sum(r => decimal.Parse(r[15], CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Round(costs, 2, MidpointRounding.ToEven), exported);
        Assert.Equal(exported, await Database.ScalarAsync<decimal>("select sum(amount) from statement_lines"));
        Assert.Equal(await Database.ScalarAsync<long>("select count(*) from statement_lines"), rows.Count);
        // Round trip: each exported row is a stored line, key for key and cent for cent.
        var stored = await Database.ScalarAsync<string>("select string_agg(line_key || '=' || round(amount, 2)::text, ';' order by line_key collate \"C\") from statement_lines");
        Assert.Equal(stored, string.Join(';', rows.Select(r => $"{r[3]}|{r[1]}|{r[2]}|{r[4]}|{r[5]}|{r[6]}={r[15]}").Order(StringComparer.Ordinal)));
        Assert.All(rows, r => Assert.Contains(r[3], new[] { "direct", "allocated", "idle", "unallocated" }));
        Assert.Contains(rows, r => r[3] == "direct" && r[1] == "acme-retail" && r[4] == "openai" && r[5] == "gpt-4o-mini");
        Assert.Contains(rows, r => r[3] == "allocated" && r[6] == "vllm-a100-pool" && r[9] == "gpu_seconds");
        // Costs carry the currency's minor digits, never more.
        Assert.All(rows, r => Assert.True(decimal.Parse(r[15], CultureInfo.InvariantCulture) == decimal.Round(decimal.Parse(r[15], CultureInfo.InvariantCulture), 2)));
    }

    [Fact]
    public async Task Rules_import_in_versions_validate_against_the_catalog_and_export_round_trips()
    {
        var rules = WriteFile("rules.json", """
            {"rules":[
              {"pool":"vendor:aws","driver":"tokens","targets":"tenant","effective_from":"2026-10-01"},
              {"pool":"vllm-a100-pool","driver":"gpu_seconds","filter":{"deployments":["vllm-a100-pool"]},"idle":"keep","effective_from":"2026-10-01"}
            ]}
            """);
        var first = await CliProcess.RunAsync(Database.ConnectionString, "rules", "import", rules);
        var export = await CliProcess.RunAsync(Database.ConnectionString, "rules", "export");
        var again = await CliProcess.RunAsync(Database.ConnectionString, "rules", "import", WriteFile("exported.json", export.StdOut));
        var changed = await CliProcess.RunAsync(Database.ConnectionString, "rules", "import",
            WriteFile("changed.json", """{"rules":[{"pool":"vendor:aws","driver":"requests","targets":"tenant","effective_from":"2026-10-01"}]}"""));
        var bad = await CliProcess.RunAsync(Database.ConnectionString, "rules", "import", WriteFile("bad.json", """
            {"rules":[
              {"pool":"vendor:aws","driver":"fixed_shares","shares":{"acme-retail":60,"initech":30},"effective_from":"2026-10-01"},
              {"pool":"gpu-x","driver":"tokens","effective_from":"2026-10-01"},
              {"pool":"vendor:openai","driver":"tokens","filter":{"models":["gpt-9"]},"effective_from":"2026-10-15"},
              {"pool":"vendor:openai","driver":"magic","effective_from":"2026-10-01"}
            ]}
            """));

        Assert.Equal((0, 0, 0, 1), (first.ExitCode, again.ExitCode, changed.ExitCode, bad.ExitCode));
        Assert.Contains("2 added, 0 changed (new versions), 0 unchanged", first.StdErr);
        Assert.Contains("0 added, 0 changed (new versions), 3 unchanged", again.StdErr); // the two above and the demo's own
        Assert.Contains("0 added, 1 changed (new versions), 0 unchanged", changed.StdErr);
        Assert.Contains("fixed shares must sum to 100 (they sum to 90)", bad.StdErr);
        Assert.Contains("effective_from must be a period's first day", bad.StdErr);
        Assert.Contains("unknown driver 'magic'", bad.StdErr);
        Assert.Equal(4L, await Database.ScalarAsync<long>("select count(*) from allocation_rules")); // with the demo's own rule

        var statements = await CliProcess.RunAsync(Database.ConnectionString, "export", "statements", "--period", "2026-10");
        var rows = statements.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Contains(rows, r => r[6] == "vendor:aws" && r[7] == "vendor:aws@2026-10-01" && r[8] == "2" && r[9] == "requests" && r[2] == "(all)");
        Assert.Contains(rows, r => r[3] == "idle" && r[1] == "(idle)" && r[6] == "vllm-a100-pool");
        Assert.DoesNotContain(rows, r => r[3] == "unallocated");
    }
}
