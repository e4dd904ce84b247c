namespace FinOps.IntegrationTests.Cli;

/// <summary>
/// The what-if and workflows commands as automation calls them: the CSV headers the issue names (a public contract),
/// figures that add up, refusals with the reason and exit code 2. Each test spawns the CLI a few times only.
/// </summary>
public sealed class WhatIfAndWorkflowsCliTests : DemoMonthCliTestBase
{
    [Fact]
    public async Task Whatif_and_selfhost_print_the_named_columns_and_refuse_bad_parameters_with_the_reason()
    {
        var whatif = await Cli("whatif", "--period", "2026-10", "--model", "gpt-4o-mini", "--provider", "openai", "--tenant", "cyberdyne", "--format", "csv");
        // The issue's columns first (a public contract), then what was added after them.
        Assert.StartsWith("tenant,feature,provider,model,input_tokens,cached_input_tokens,output_tokens,current_cost,whatif_provider,whatif_model,whatif_cost,difference,note", Header(whatif));
        var rows = Csv(whatif);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(("cyberdyne", "openai", "gpt-4o-mini"), (r["tenant"], r["whatif_provider"], r["whatif_model"])));
        // Each column is the exact figure rounded to six decimals on its own: the difference agrees to within one unit of the last.
        Assert.All(rows, r => Assert.True(Math.Abs(D(r["whatif_cost"]) - D(r["current_cost"]) - D(r["difference"])) <= 0.000001m, string.Join(",", r.Values)));

        var selfhost = await Cli("whatif", "selfhost", "--period", "2026-10", "--tenant", "cyberdyne", "--gpu-hour", "2.50", "--input-tps", "8000", "--output-tps", "900",
            "--utilisation", "0.6", "--fixed-monthly", "1500", "--format", "csv");
        Assert.Equal("tenant,feature,current_cost,selfhost_cost,gpus_at_peak,effective_per_mtok,breakeven_tokens_per_month,note", Header(selfhost));
        var row = Assert.Single(Csv(selfhost));
        Assert.True(D(row["selfhost_cost"]) >= 1500m, "fixed monthly costs are part of the self-hosted cost");
        Assert.Contains("GPU", selfhost.StdErr); // the formulas, with their numbers

        var bad = await Cli("whatif", "selfhost", "--period", "2026-10", "--gpu-hour", "2.50", "--input-tps", "0", "--output-tps", "900", "--utilisation", "1.5");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("the utilisation 1.5 is outside (0, 1]", bad.StdErr);
        // An unknown model's refusal is tested in-process (ModelWhatIfTests): one refusal here shows the exit code and the words.
    }

    [Fact]
    public async Task Workflows_lists_cost_per_execution_with_the_named_columns_and_a_trace_in_order()
    {
        var run = await Cli("workflows", "--period", "2026-10", "--tenant", "cyberdyne", "--format", "csv");

        Assert.StartsWith("tenant,feature,workflow,executions,calls_p50,calls_p95,calls_max,cost_p50,cost_p95,cost_total", Header(run));
        var agent = Assert.Single(Csv(run), r => r["workflow"] == "plan-and-act");
        Assert.Equal(("cyberdyne", "agent-planner"), (agent["tenant"], agent["feature"]));
        Assert.True(int.Parse(agent["calls_max"]) > 200, "the loop night's runs are executions too");
        Assert.True(D(agent["calls_p50"]) is >= 3m and <= 12m, $"median {agent["calls_p50"]} calls");
        Assert.True(D(agent["cost_p50"]) <= D(agent["cost_p95"]) && D(agent["cost_p95"]) <= D(agent["cost_total"]));
        Assert.NotEqual("", agent["allocated_total"]); // the month has statements

        var trace = await Cli("workflows", "trace", "run-202610-loop-001", "--format", "csv");
        Assert.Equal("step,occurred_at,request_id,tenant,feature,provider,model,input_tokens,cached_input_tokens,output_tokens,latency_ms,status,list_cost", Header(trace));
        var steps = Csv(trace);
        Assert.True(steps.Count > 200);
        Assert.Equal(Enumerable.Range(1, steps.Count).Select(i => i.ToString()), steps.Select(s => s["step"]));
        Assert.Equal(steps.Select(s => s["occurred_at"]).Order(StringComparer.Ordinal), steps.Select(s => s["occurred_at"]));
    }
}
