using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Workflows;

/// <summary>
/// When a trace counts as a runaway loop: more than N calls, or a list cost above a limit, within any hour. The
/// organisation's one rule, changed by finance and audited; it applies to the calls ingested from then on.
/// </summary>
public sealed class ManageRunawayRule(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>No loop is worth a limit above these: values beyond them are typing mistakes.</summary>
    public const int MaxCallsLimit = 1_000_000;
    public const decimal MaxCostLimit = 1_000_000_000m;

    public async Task<RunawayRule> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return (await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).Runaway;
    }

    /// <returns>The rule now in force, or why the one given is refused.</returns>
    public async Task<(string? Refusal, RunawayRule Rule)> SetAsync(RunawayRule rule, string actor, CancellationToken cancellationToken)
    {
        var problem = rule.Problem
            ?? (rule.MaxCallsPerHour > MaxCallsLimit ? $"the call limit must be at most {MaxCallsLimit:N0} calls per hour"
            : rule.CostLimitPerHour > MaxCostLimit ? $"the cost limit must be at most {MaxCostLimit:N0}" : null);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.SingleAsync(cancellationToken);
        if (problem is not null) return (problem, settings.Runaway);
        var before = settings.Runaway;
        if (before == rule) return (null, before);
        settings.RunawayMaxCallsPerHour = rule.MaxCallsPerHour;
        settings.RunawayCostLimitPerHour = rule.CostLimitPerHour;
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(), Actor = actor, Action = "runaway_rule.changed", EntityType = "organisation_settings", EntityId = "runaway",
            Details = JsonSerializer.Serialize(new
            {
                old = new { max_calls_per_hour = before.MaxCallsPerHour, cost_limit_per_hour = before.CostLimitPerHour },
                @new = new { max_calls_per_hour = rule.MaxCallsPerHour, cost_limit_per_hour = rule.CostLimitPerHour },
            }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (null, rule);
    }
}
