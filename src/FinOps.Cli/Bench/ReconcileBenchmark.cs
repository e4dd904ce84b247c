using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Bench;

/// <summary>
/// Generates and ingests a demo month of N requests in a throwaway database (untimed), then times, three times
/// each, (baseline) hand-written SQL computing the per provider × model × day sums from the raw token_usage table
/// and (ours) the whole reconciliation of the month — bills, the rollup, prices, statuses, causes, stored. The best
/// of three counts for each. Ratio = baseline time ÷ our time.
/// </summary>
internal static class ReconcileBenchmark
{
    private const string Baseline = """
        select p.slug, m.name, date_trunc('day', u.occurred_at, 'UTC') as day,
               sum(u.input_tokens - u.cached_input_tokens), sum(u.cached_input_tokens), sum(u.output_tokens), count(*)
        from token_usage u join providers p on p.id = u.provider_id join models m on m.id = u.model_id
        where u.occurred_at >= '2026-10-01 00:00:00+00' and u.occurred_at < '2026-11-01 00:00:00+00' and u.deployment is null
        group by 1, 2, 3
        """;

    public static Task<int> RunAsync(int requests, CancellationToken cancellationToken) =>
        GeneratedMonthBench.RunAsync("reconcile", requests, "baseline SQL over token_usage", (cs, ct) => GeneratedMonthBench.ReadAllAsync(cs, [Baseline], ct),
            "finops reconcile", "windows",
            async (services, ct) => (await services.GetRequiredService<RunReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse(GeneratedMonthBench.Period), WindowKind.Day, "bench", ct)).Windows,
            target: 0.67, cancellationToken);
}
