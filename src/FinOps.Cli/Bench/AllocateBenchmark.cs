using FinOps.Application.Allocation;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Bench;

/// <summary>
/// Generates and ingests a demo month (untimed), then times, best of three, (baseline) hand-written SQL computing the
/// aggregates the computation needs from the raw tables — usage per tenant × feature × provider × model × day with
/// GPU-seconds, bill sums per provider × model × day × direction, infra sums per pool — and (ours) reconcile +
/// allocate + store the statements of the month. Ratio = baseline ÷ ours.
/// </summary>
internal static class AllocateBenchmark
{
    private static readonly string[] Baseline =
    [
        """
        select tenant_id, feature_id, provider_id, model_id, coalesce(deployment, ''), date_trunc('day', occurred_at, 'UTC'),
               sum(input_tokens - cached_input_tokens), sum(cached_input_tokens), sum(output_tokens), count(*), coalesce(sum(gpu_seconds), 0)
        from token_usage where occurred_at >= '2026-10-01 00:00:00+00' and occurred_at < '2026-11-01 00:00:00+00'
        group by 1, 2, 3, 4, 5, 6
        """,
        """
        select provider_id, model_id, charge_period_start, token_direction, sum(quantity), sum(effective_cost)
        from billing_lines where superseded_by_file_id is null and charge_period_end > '2026-10-01 00:00:00+00' and charge_period_start < '2026-11-01 00:00:00+00'
        group by 1, 2, 3, 4
        """,
        "select pool, category, sum(amount), sum(quantity) from infra_costs group by 1, 2",
    ];

    public static Task<int> RunAsync(int requests, CancellationToken cancellationToken) =>
        GeneratedMonthBench.RunAsync("allocate", requests, "baseline SQL aggregates", (cs, ct) => GeneratedMonthBench.ReadAllAsync(cs, Baseline, ct),
            "reconcile + allocate + statements", "statement_lines",
            async (services, ct) =>
            {
                await services.GetRequiredService<RunReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse(GeneratedMonthBench.Period), WindowKind.Day, "bench", ct);
                return (await services.GetRequiredService<ComputeStatements>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse(GeneratedMonthBench.Period), "bench", ct)).Lines;
            },
            target: 0.5, cancellationToken);
}
