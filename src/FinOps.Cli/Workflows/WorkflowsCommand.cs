using System.CommandLine;
using System.Globalization;
using FinOps.Application.Workflows;
using FinOps.Cli.Hosting;
using FinOps.Domain.Workflows;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Workflows;

/// <summary><c>finops workflows</c>: what one execution of each workflow costs, one trace's calls in order, and the runaway rule.</summary>
internal static class WorkflowsCommand
{
    /// <summary>The issue's columns first (a public contract), then tokens and the allocated cost once the period is allocated.</summary>
    public static readonly string[] Columns =
        ["tenant", "feature", "workflow", "executions", "calls_p50", "calls_p95", "calls_max", "cost_p50", "cost_p95", "cost_total",
         "tokens_p50", "tokens_p95", "allocated_p50", "allocated_p95", "allocated_total"];

    public static readonly string[] TraceColumns =
        ["step", "occurred_at", "request_id", "tenant", "feature", "provider", "model", "input_tokens", "cached_input_tokens", "output_tokens", "latency_ms", "status", "list_cost"];

    private const int Digits = 6;

    public static Command Build()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's workflows" };
        var feature = new Option<string?>("--feature") { Description = "Only this feature's workflows" };
        var workflow = new Option<string?>("--workflow") { Description = "Only this workflow (as the logs name it)" };
        var format = Format();
        var workflows = new Command("workflows", "Cost per workflow execution (trace): executions, calls per execution (median, p95, max) and cost per execution, per tenant × feature × workflow.")
        {
            period, tenant, feature, workflow, format,
        };
        workflows.WithExamples("./finops workflows --period 2026-11 --format csv", "./finops workflows --period 2026-11 --tenant cyberdyne",
            "./finops workflows trace run-202611-loop-001", "./finops workflows limits --calls 200 --cost 25");
        workflows.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var answer = await services.GetRequiredService<GetWorkflows>().HandleAsync(chargePeriod, Blank(parse.GetValue(tenant)), Blank(parse.GetValue(feature)),
                Blank(parse.GetValue(workflow)), ct);
            if (answer.Refusal is { } refusal) throw new CliUsageException(refusal);
            await Console.Error.WriteLineAsync($"workflows {chargePeriod}: {answer.Executions:N0} executions costing {Amount(answer.CostTotal)} {answer.Currency} at list price"
                + (answer.AllocatedTotal is { } allocated ? $", {Amount(allocated)} allocated (statements of {answer.AllocatedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC)" : "; not allocated yet"));
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header(Columns);
                foreach (var w in answer.Workflows)
                {
                    csv.Text(w.Tenant).Text(w.Feature).Text(w.Workflow).Number(w.Executions).Number(Plain(w.CallsP50)).Number(Plain(w.CallsP95)).Number(w.CallsMax)
                        .Money(w.CostP50, Digits).Money(w.CostP95, Digits).Money(w.CostTotal, Digits).Number(Plain(w.TokensP50)).Number(Plain(w.TokensP95))
                        .Money(w.AllocatedP50, Digits).Money(w.AllocatedP95, Digits).Money(w.AllocatedTotal, Digits);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("tenant", "feature", "workflow", "runs", "calls p50", "p95", "max", "cost p50", "cost p95", "total");
                foreach (var w in answer.Workflows)
                    table.Row(w.Tenant, w.Feature, w.Workflow, w.Executions.ToString("N0", CultureInfo.InvariantCulture), Count(w.CallsP50), Count(w.CallsP95),
                        w.CallsMax.ToString("N0", CultureInfo.InvariantCulture), Amount(w.CostP50, 4), Amount(w.CostP95, 4), Amount(w.CostTotal));
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        workflows.Subcommands.Add(Trace());
        workflows.Subcommands.Add(Limits());
        return workflows;
    }

    private static Command Trace()
    {
        var id = new Argument<string>("TRACE") { Description = "The trace id, as the logs carry it" };
        var format = Format();
        var trace = new Command("trace", "One workflow execution's requests in the order they ran, with their list cost.") { id, format };
        trace.SetHandler(async (parse, services, ct) =>
        {
            var answer = await services.GetRequiredService<GetTrace>().HandleAsync(parse.GetValue(id)!, ct)
                ?? throw new CliUsageException($"no trace '{parse.GetValue(id)}' in the logs");
            await Console.Error.WriteLineAsync($"trace {answer.TraceId}{(answer.Workflow is { } w ? $" ({w})" : "")}: {answer.Calls:N0} calls over {answer.Duration:hh\\:mm\\:ss}, "
                + $"{answer.Tokens:N0} tokens, {Amount(answer.ListCost)} {answer.Currency} at list price{(answer.Truncated ? $" (the first {GetTrace.MaxRequests:N0} calls)" : "")}");
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header(TraceColumns);
                foreach (var r in answer.Requests)
                {
                    csv.Number(r.Step).Instant(r.OccurredAt).Text(r.RequestId).Text(r.Tenant).Text(r.Feature).Text(r.Provider).Text(r.Model).Number(r.InputTokens)
                        .Number(r.CachedInputTokens).Number(r.OutputTokens).Number(r.LatencyMs).Text(r.Status).Money(r.ListCost, Digits);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("step", "at (UTC)", "model", "input", "cached", "output", "cost");
                foreach (var r in answer.Requests)
                    table.Row(r.Step.ToString(CultureInfo.InvariantCulture), r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Model,
                        r.InputTokens.ToString("N0", CultureInfo.InvariantCulture), r.CachedInputTokens.ToString("N0", CultureInfo.InvariantCulture),
                        r.OutputTokens.ToString("N0", CultureInfo.InvariantCulture), r.ListCost is { } c ? Amount(c, 4) : "no card");
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return trace;
    }

    private static Command Limits()
    {
        var calls = new Option<int?>("--calls") { Description = "A trace with more calls than this within any hour is a runaway (default 200)" };
        var cost = new Option<decimal?>("--cost") { Description = "…or with a list cost above this within any hour (organisation currency)" };
        var noCost = new Option<bool>("--no-cost-limit") { Description = "Judge by calls only" };
        var limits = new Command("limits", "When a trace is a runaway loop (raises runaway_trace on ingest): shows the rule, or changes it (audited).") { calls, cost, noCost };
        limits.SetHandler(async (parse, services, ct) =>
        {
            var manage = services.GetRequiredService<ManageRunawayRule>();
            var rule = await manage.GetAsync(ct);
            if (parse.GetValue(noCost) && parse.GetValue(cost) is not null) throw new CliUsageException("give --cost or --no-cost-limit, not both");
            if (parse.GetValue(calls) is not null || parse.GetValue(cost) is not null || parse.GetValue(noCost))
            {
                var wanted = new RunawayRule(parse.GetValue(calls) ?? rule.MaxCallsPerHour, parse.GetValue(noCost) ? null : parse.GetValue(cost) ?? rule.CostLimitPerHour);
                var (refusal, now) = await manage.SetAsync(wanted, Environment.UserName, ct);
                if (refusal is not null) throw new CliUsageException(refusal);
                rule = now;
            }
            await Console.Out.WriteLineAsync($"runaway: more than {rule.MaxCallsPerHour:N0} calls"
                + (rule.CostLimitPerHour is { } limit ? $", or a list cost above {Amount(limit)}," : "") + " within any hour");
            return ExitCodes.Done;
        });
        return limits;
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        return format;
    }

    private static string Amount(decimal value, int digits = 2) => value.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Without trailing zeros: a median of 8 calls is 8, of 7 and 8 it is 7.5.</summary>
    private static decimal Plain(decimal value) => value / 1.0000000000000000000000000000m;

    private static string Count(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
