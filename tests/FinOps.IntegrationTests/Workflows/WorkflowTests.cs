using System.Globalization;
using System.Text;
using FinOps.Application.Ingest;
using FinOps.Application.Workflows;
using FinOps.Domain.Periods;
using FinOps.Domain.Workflows;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Workflows;

/// <summary>
/// Traces through the real pipeline: the canonical CSV's trace_id and workflow columns, what GetWorkflows and GetTrace
/// make of them (costs from the stored cards), and the runaway check that runs as each usage file is stored.
/// </summary>
public sealed class WorkflowTests : IngestTestBase
{
    private static readonly ChargePeriod October = ChargePeriod.Parse("2026-10");
    private const string Header = UsageHeader + ",trace_id,workflow";

    private async Task<(decimal In, decimal Cached, decimal Out)> CardAsync(string provider, string model)
    {
        var row = (await Database.RowsAsync($"""
            select c.input_per_m_tok, c.cached_input_per_m_tok, c.output_per_m_tok from price_cards c join models m on m.id = c.model_id join providers p on p.id = m.provider_id
            where p.slug = '{provider}' and m.name = '{model}' and c.model_alias_id is null and c.effective_from <= '2026-10-01' order by c.effective_from desc limit 1
            """)).Single();
        return ((decimal)row[0], (decimal)row[1], (decimal)row[2]);
    }

    /// <summary>A trace's calls, <paramref name="secondsApart"/> apart from <paramref name="start"/>: 1,000 input tokens (100 cached) and 100 output each.</summary>
    private static string Calls(string trace, int count, DateTimeOffset start, int secondsApart, string tenant = "acme-retail", string? workflow = "triage") =>
        string.Concat(Enumerable.Range(0, count).Select(i =>
            $"{trace}-{i},{start.AddSeconds(secondsApart * i).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)},{tenant},support,openai,gpt-4o,1000,100,100,{trace},{workflow}\n"));

    private static readonly DateTimeOffset Day = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);

    private async Task<IReadOnlyList<string>> RunawayKeysAsync() =>
        (await Database.RowsAsync("select key from alerts where kind = 'runaway_trace' order by key")).Select(r => (string)r[0]).ToList();

    [Fact]
    public async Task Executions_of_a_workflow_get_calls_and_cost_per_execution_from_the_logged_requests()
    {
        await IngestAsync(WriteFile("traces.csv", Header + "\n"
            + Calls("t1", 3, Day, 20) + Calls("t2", 5, Day.AddHours(1), 20) + Calls("t3", 8, Day.AddHours(2), 20) + Calls("t4", 12, Day.AddHours(3), 20)
            + "x1,2026-10-05T12:00:00Z,acme-retail,support,openai,gpt-4o,1000,100,100,,\n"));
        var card = await CardAsync("openai", "gpt-4o");
        var perCall = (900m * card.In + 100m * card.Cached + 100m * card.Out) / 1_000_000m;
        await using var scope = Services.CreateAsyncScope();

        var answer = await scope.ServiceProvider.GetRequiredService<GetWorkflows>().HandleAsync(October, "acme-retail", null, null, CancellationToken.None);

        Assert.Null(answer.Refusal);
        var triage = Assert.Single(answer.Workflows); // the request without a trace is no execution
        Assert.Equal(("acme-retail", "support", "triage", 4), (triage.Tenant, triage.Feature, triage.Workflow, triage.Executions));
        Assert.Equal((6.5m, 11.4m, 12), (triage.CallsP50, triage.CallsP95, triage.CallsMax));
        Assert.Equal(6.5m * perCall, triage.CostP50);
        Assert.Equal(11.4m * perCall, triage.CostP95);
        Assert.Equal(28m * perCall, triage.CostTotal);
        Assert.Null(answer.AllocatedAt); // no statement run for October in this database
        Assert.Equal(["t4", "t3", "t2", "t1"], answer.CostliestTraces.Select(t => t.TraceId));
        Assert.Equal(1, answer.CallsPerExecution.Single(b => b.Label == "12").Executions);

        var trace = await scope.ServiceProvider.GetRequiredService<GetTrace>().HandleAsync("t2", CancellationToken.None);
        Assert.NotNull(trace);
        Assert.Equal(["t2-0", "t2-1", "t2-2", "t2-3", "t2-4"], trace.Requests.Select(r => r.RequestId));
        Assert.Equal([1, 2, 3, 4, 5], trace.Requests.Select(r => r.Step));
        Assert.Equal((5, 5m * perCall, TimeSpan.FromSeconds(80)), (trace.Calls, trace.ListCost, trace.Duration));
        Assert.Equal("triage", trace.Workflow);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<GetTrace>().HandleAsync("no-such-trace", CancellationToken.None));
        Assert.Equal("tenant 'globex-bank' is not one you may see",
            (await scope.ServiceProvider.GetRequiredService<GetWorkflows>().HandleAsync(October, "globex-bank", null, null, CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task Only_a_trace_with_more_than_200_calls_in_an_hour_raises_runaway_trace_once_whatever_arrives_later()
    {
        // loop: 201 calls 15 s apart (50 minutes); limit: exactly 200 in 50 minutes; slow: 300 calls 90 s apart (40 an hour).
        var outcome = await IngestAsync(WriteFile("night.csv", Header + "\n"
            + Calls("loop", 201, Day, 15) + Calls("limit", 200, Day, 15) + Calls("slow", 300, Day, 90, workflow: null)));
        Assert.Equal(IngestResult.Stored, outcome.Result);

        Assert.Equal(["runaway_trace:acme-retail:loop"], await RunawayKeysAsync());
        var body = (string)(await Database.RowsAsync("select body from alerts where kind = 'runaway_trace'")).Single()[0];
        Assert.Contains("201 calls in the hour to 2026-10-05 09:50 UTC (limit 200)", body);
        Assert.Contains("4 calls a minute", body);

        // The loop goes on in the next file, and "limit" gets its 201st call within the hour: one new alert, for "limit" only.
        await IngestAsync(WriteFile("later.csv", Header + "\n"
            + $"loop-201,2026-10-05T09:51:00Z,acme-retail,support,openai,gpt-4o,1000,100,100,loop,triage\n"
            + $"limit-200,2026-10-05T09:50:00Z,acme-retail,support,openai,gpt-4o,1000,100,100,limit,triage\n"));
        Assert.Equal(["runaway_trace:acme-retail:limit", "runaway_trace:acme-retail:loop"], await RunawayKeysAsync());
    }

    [Fact]
    public async Task A_cost_limit_set_by_finance_catches_a_short_expensive_trace()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var manage = scope.ServiceProvider.GetRequiredService<ManageRunawayRule>();
            Assert.Equal("the cost limit must be above zero (or unset)", (await manage.SetAsync(new RunawayRule(200, -1m), "finance", CancellationToken.None)).Refusal);
            Assert.Null((await manage.SetAsync(new RunawayRule(200, 1.00m), "finance", CancellationToken.None)).Refusal);
        }
        // 12 calls of 100,000 output tokens on gpt-4o in six minutes: far above 1.00 at list price, far below 200 calls.
        var calls = string.Concat(Enumerable.Range(0, 12).Select(i =>
            $"big-{i},{Day.AddSeconds(30 * i).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},initech,search,openai,gpt-4o,1000,100000,0,big,research\n"));
        await IngestAsync(WriteFile("big.csv", Header + "\n" + calls));

        Assert.Equal(["runaway_trace:initech:big"], await RunawayKeysAsync());
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'runaway_rule.changed'"));
    }

    [Fact]
    public async Task A_workflow_without_its_trace_or_an_overlong_trace_id_is_refused_at_its_line_and_column()
    {
        var outcome = await IngestAsync(WriteFile("bad.csv", Header + "\n"
            + "b1,2026-10-05T09:00:00Z,acme-retail,support,openai,gpt-4o,10,1,0,,triage\n"
            + $"b2,2026-10-05T09:00:00Z,acme-retail,support,openai,gpt-4o,10,1,0,{new string('t', 201)},triage\n"
            + "b3,2026-10-05T09:00:00Z,acme-retail,support,openai,gpt-4o,10,1,0,ok-trace,triage\n"));

        Assert.Contains(outcome.Problems, p => p is { Line: 2, Column: "workflow" } && p.Reason.Contains("give the row's trace_id too"));
        Assert.Contains(outcome.Problems, p => p is { Line: 3, Column: "trace_id" } && p.Reason.Contains("longer than 200 characters"));
    }
}
