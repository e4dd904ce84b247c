using System.Globalization;
using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Billing;

/// <summary>One row of a commitments file (<c>provider,commitment,deployment,capacity_tokens_per_minute,effective_from</c>) with its line.</summary>
public sealed record CommitmentRow(long Line, string? Provider, string? Commitment, string? Deployment, string? CapacityTokensPerMinute, string? EffectiveFrom);

/// <summary>
/// Declared commitments (SEMANTICS §4): imported all or nothing with every problem by line and column (reported with the
/// key mappings' problem shape), each version kept, every change audited before → after; exported in the import's columns.
/// </summary>
public sealed class ManageCommitments(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public const int MaxRows = 10_000;

    /// <summary>Capacities beyond this many tokens per minute are not a real deployment (a typo in the unit).</summary>
    public const decimal MaxTokensPerMinute = 1_000_000_000m;

    public async Task<(int Added, int Changed, IReadOnlyList<RowProblem> Problems)> ImportAsync(IReadOnlyList<CommitmentRow> rows, string actor,
        CancellationToken cancellationToken)
    {
        if (rows.Count > MaxRows) return (0, 0, [new RowProblem(1, null, $"the file has {rows.Count:N0} rows (at most {MaxRows:N0})")]);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        var problems = new List<RowProblem>();
        var accepted = new List<(int Provider, string Id, string Deployment, decimal Capacity, DateOnly From, string ProviderSlug)>();
        var seen = new Dictionary<(int, string, DateOnly), long>();
        foreach (var row in rows)
        {
            var before = problems.Count;
            void Problem(string column, string message) => problems.Add(new RowProblem(row.Line, column, message));
            var provider = row.Provider?.Trim() ?? "";
            if (provider.Length == 0) Problem("provider", "provider is required");
            else if (!providers.ContainsKey(provider)) Problem("provider", $"provider '{Shown(provider)}' is not known (./finops providers lists them)");
            var id = row.Commitment?.Trim() ?? "";
            if (id.Length is 0 or > 500) Problem("commitment", id.Length == 0 ? "commitment is required" : "commitment is longer than 500 characters");
            var deployment = row.Deployment?.Trim() ?? "";
            if (deployment.Length is 0 or > 200) Problem("deployment", deployment.Length == 0 ? "deployment is required (the deployment its usage is logged under)" : "deployment is longer than 200 characters");
            var capacityText = row.CapacityTokensPerMinute?.Trim() ?? "";
            var capacity = 0m;
            if (!decimal.TryParse(capacityText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out capacity) || capacity <= 0m || capacity > MaxTokensPerMinute)
                Problem("capacity_tokens_per_minute", $"capacity_tokens_per_minute '{Shown(capacityText)}' is not a number of tokens per minute above 0 and at most {MaxTokensPerMinute:N0}");
            var fromText = row.EffectiveFrom?.Trim() ?? "";
            var from = DateOnly.MinValue;
            if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from) || from.Year < 2000 || from.Year > 2100)
                Problem("effective_from", $"effective_from '{Shown(fromText)}' is not a day (YYYY-MM-DD, from 2000 to 2100)");
            if (problems.Count > before) continue;
            if (seen.TryGetValue((providers[provider], id, from), out var first)) { Problem("commitment", $"{Shown(id)} from {from:yyyy-MM-dd} is already on line {first}"); continue; }
            seen[(providers[provider], id, from)] = row.Line;
            accepted.Add((providers[provider], id, deployment, capacity, from, provider));
        }
        if (rows.Count == 0) problems.Add(new RowProblem(1, null, "the file has no commitments"));
        if (problems.Count > 0) return (0, 0, problems);

        var now = clock.GetUtcNow();
        var stored = (await db.Commitments.ToListAsync(cancellationToken)).ToDictionary(c => (c.ProviderId, c.Commitment, c.EffectiveFrom));
        var (added, changed) = (0, 0);
        var changes = new List<object>();
        foreach (var a in accepted)
        {
            if (stored.TryGetValue((a.Provider, a.Id, a.From), out var existing))
            {
                if (existing.Deployment == a.Deployment && existing.CapacityTokensPerMinute == a.Capacity) continue;
                changes.Add(new { commitment = $"{a.ProviderSlug}/{a.Id}", effective_from = a.From, before = new { existing.Deployment, existing.CapacityTokensPerMinute },
                    after = new { a.Deployment, a.Capacity } });
                (existing.Deployment, existing.CapacityTokensPerMinute, existing.DeclaredAt, existing.DeclaredBy) = (a.Deployment, a.Capacity, now, actor);
                changed++;
                continue;
            }
            db.Commitments.Add(new CommitmentRecord
            {
                ProviderId = a.Provider, Commitment = a.Id, Deployment = a.Deployment, CapacityTokensPerMinute = a.Capacity, EffectiveFrom = a.From, DeclaredAt = now, DeclaredBy = actor,
            });
            changes.Add(new { commitment = $"{a.ProviderSlug}/{a.Id}", effective_from = a.From, before = (object?)null, after = new { a.Deployment, a.Capacity } });
            added++;
        }
        if (added + changed == 0) return (0, 0, []);
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "commitments.imported", EntityType = "commitment", EntityId = "commitments",
            Details = JsonSerializer.Serialize(new { added, changed, changes }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (added, changed, []);
    }

    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
