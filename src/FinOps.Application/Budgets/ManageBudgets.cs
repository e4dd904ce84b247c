using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Budgets;
using FinOps.Domain.Ingest;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Budgets;

public sealed record BudgetImportResult(int Added, int Changed, int Unchanged, IReadOnlyList<RowProblem> Problems)
{
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// Budgets in and out, all or nothing: every row checked (a known tenant and feature, the organisation's currency, a
/// period and an end not before it, thresholds of 1–1000 %, no two budgets of one scope covering the same period)
/// before any is written; a row for an existing scope and first period replaces that budget. Every change is audited.
/// Finance manages every budget; a team lead only budgets of their own tenants' features.
/// </summary>
public sealed class ManageBudgets(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public const string Open = "open";

    public async Task<BudgetImportResult> ImportAsync(IReadOnlyList<ParsedRow<BudgetRow>> rows, BudgetEditor editor, CancellationToken cancellationToken)
    {
        var problems = rows.Where(r => r.Problem is not null).Select(r => r.Problem!).ToList();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId(settings.ReportingTimeZone);
        // The tenants query is filtered by the caller's scope: a team lead finds only their own tenants.
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Slug.Value, t => t.Id);
        var features = (await db.Features.AsNoTracking().Select(f => new { f.Id, f.Slug }).ToListAsync(cancellationToken)).ToDictionary(f => f.Slug.Value, f => f.Id);

        var accepted = new List<(long Line, long TenantId, long? FeatureId, ChargePeriod First, ChargePeriod? Last, BudgetRow Row)>();
        foreach (var (line, row) in rows.Where(r => r.Record is not null).Select(r => (r.Line, r.Record!)))
        {
            RowProblem Problem(string column, string reason) => new(line, column, reason);
            if (!tenants.TryGetValue(row.Tenant, out var tenantId))
            {
                problems.Add(Problem("tenant", editor.IsFinance ? $"unknown tenant '{row.Tenant}'" : $"'{row.Tenant}' is not one of your tenants"));
                continue;
            }
            long? featureId = null;
            if (row.Feature is not null)
            {
                if (!features.TryGetValue(row.Feature, out var id)) { problems.Add(Problem("feature", $"unknown feature '{row.Feature}'")); continue; }
                featureId = id;
            }
            else if (!editor.IsFinance)
            {
                problems.Add(Problem("feature", "a team lead sets budgets per feature; a whole tenant's budget is finance's"));
                continue;
            }
            if (!ChargePeriod.TryParse(row.Period, zone, out var first)) { problems.Add(Problem("period", $"'{row.Period}' is not a period; write YYYY-MM")); continue; }
            if (!string.Equals(row.Currency, settings.Currency, StringComparison.Ordinal))
            {
                problems.Add(Problem("currency", $"budgets are in the organisation's currency {settings.Currency}, not '{row.Currency}'"));
                continue;
            }
            ChargePeriod? last = first;
            if (row.Until is { } until)
            {
                if (string.Equals(until, Open, StringComparison.OrdinalIgnoreCase)) last = null;
                else if (!ChargePeriod.TryParse(until, zone, out var end)) { problems.Add(Problem("until", $"'{until}' is not a period; write YYYY-MM, 'open', or leave it empty")); continue; }
                else if (end.CompareTo(first) < 0) { problems.Add(Problem("until", $"{until} is before the budget's first period {row.Period}")); continue; }
                else last = end;
            }
            accepted.Add((line, tenantId, featureId, first, last, row));
        }

        var stored = await db.Budgets.ToListAsync(cancellationToken);
        // No two budgets of one scope may cover the same period: the file's own rows, and what stays stored beside them.
        var replaced = accepted.Select(a => (a.TenantId, a.FeatureId, a.First.ToString())).ToHashSet();
        var ranges = stored.Where(b => !replaced.Contains((b.TenantId, b.FeatureId, b.FirstPeriod)))
            .Select(b => (Line: 0L, b.TenantId, b.FeatureId, First: b.FirstPeriod, Last: b.LastPeriod)).ToList();
        foreach (var a in accepted)
        {
            var (first, last) = (a.First.ToString(), a.Last?.ToString());
            var clash = ranges.FirstOrDefault(r => r.TenantId == a.TenantId && r.FeatureId == a.FeatureId
                                                   && string.CompareOrdinal(first, r.Last ?? "9999-12") <= 0 && string.CompareOrdinal(r.First, last ?? "9999-12") <= 0);
            if (clash.TenantId != 0)
                problems.Add(new RowProblem(a.Line, "period", clash.Line == 0
                    ? $"overlaps the stored budget of {Scope(a.Row)} from {clash.First} ({clash.Last ?? Open}); change that one's period instead"
                    : $"overlaps line {clash.Line}'s budget of the same scope"));
            ranges.Add((a.Line, a.TenantId, a.FeatureId, first, last));
        }
        if (problems.Count > 0) return new BudgetImportResult(0, 0, 0, problems.OrderBy(p => p.Line).ToList());

        var now = clock.GetUtcNow();
        var (added, changed, unchanged) = (0, 0, 0);
        foreach (var a in accepted)
        {
            var thresholds = a.Row.Thresholds.ToArray();
            var existing = stored.SingleOrDefault(b => b.TenantId == a.TenantId && b.FeatureId == a.FeatureId && b.FirstPeriod == a.First.ToString());
            var after = new { tenant = a.Row.Tenant, feature = a.Row.Feature, period = a.First.ToString(), until = a.Last?.ToString() ?? Open, amount = a.Row.Amount,
                currency = a.Row.Currency, thresholds };
            if (existing is null)
            {
                db.Budgets.Add(new StoredBudget
                {
                    TenantId = a.TenantId, FeatureId = a.FeatureId, FirstPeriod = a.First.ToString(), LastPeriod = a.Last?.ToString(), Amount = a.Row.Amount,
                    Currency = a.Row.Currency, Thresholds = thresholds, UpdatedAt = now, UpdatedBy = editor.Name,
                });
                Audit(db, editor, "budget.added", Scope(a.Row), new { after }, now);
                added++;
                continue;
            }
            if (existing.LastPeriod == a.Last?.ToString() && existing.Amount == a.Row.Amount && existing.Thresholds.SequenceEqual(thresholds))
            {
                unchanged++;
                continue;
            }
            var before = new { until = existing.LastPeriod ?? Open, amount = existing.Amount, thresholds = existing.Thresholds };
            (existing.LastPeriod, existing.Amount, existing.Thresholds, existing.UpdatedAt, existing.UpdatedBy) = (a.Last?.ToString(), a.Row.Amount, thresholds, now, editor.Name);
            Audit(db, editor, "budget.changed", Scope(a.Row), new { before, after }, now);
            changed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new BudgetImportResult(added, changed, unchanged, []);
    }

    /// <summary>Every budget the caller may see, in the import's shape (the file round-trips).</summary>
    public async Task<IReadOnlyList<BudgetRow>> ExportAsync(CancellationToken cancellationToken) =>
        (await LoadAsync(null, cancellationToken)).Select(b => new BudgetRow(b.Tenant, b.Feature, b.FirstPeriod.ToString(), b.Amount, b.Currency, b.Thresholds,
            b.LastPeriod is null ? Open : b.LastPeriod.Equals(b.FirstPeriod) ? null : b.LastPeriod.ToString())).ToList();

    /// <summary>The budgets the caller may see, optionally only those covering a period, in scope order.</summary>
    public async Task<IReadOnlyList<Budget>> LoadAsync(ChargePeriod? covering, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId(await db.OrganisationSettings.AsNoTracking().Select(s => s.ReportingTimeZone).SingleAsync(cancellationToken));
        var rows = await db.Budgets.AsNoTracking()
            .Join(db.Tenants, b => b.TenantId, t => t.Id, (b, t) => new { b, Tenant = t.Slug })
            .GroupJoin(db.Features, x => x.b.FeatureId, f => f.Id, (x, f) => new { x.b, x.Tenant, Features = f })
            .SelectMany(x => x.Features.DefaultIfEmpty(), (x, f) => new { x.b, x.Tenant, Feature = f == null ? null : (Domain.Tenancy.Slug?)f.Slug })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Budget(r.b.Id, r.Tenant.Value, r.Feature?.Value, ChargePeriod.Parse(r.b.FirstPeriod, zone),
                r.b.LastPeriod is null ? null : ChargePeriod.Parse(r.b.LastPeriod, zone), r.b.Amount, r.b.Currency, r.b.Thresholds))
            .Where(b => covering is null || b.Covers(covering))
            .OrderBy(b => b.Tenant, StringComparer.Ordinal).ThenBy(b => b.Feature ?? "", StringComparer.Ordinal).ThenBy(b => b.FirstPeriod).ToList();
    }

    /// <summary>Deletes a budget the caller may manage (a team lead: their tenants' feature budgets only); audited. Null when done, else why not.</summary>
    public async Task<string?> DeleteAsync(long id, BudgetEditor editor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        // Budgets are filtered by the caller's scope: another team's budget is not found, as if it did not exist.
        var budget = await db.Budgets.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (budget is null) return "no such budget";
        if (budget.FeatureId is null && !editor.IsFinance) return "a whole tenant's budget is finance's to change";
        var scope = (await LoadAsync(null, cancellationToken)).Single(b => b.Id == id).Scope;
        db.Budgets.Remove(budget);
        Audit(db, editor, "budget.deleted", scope, new { before = new { period = budget.FirstPeriod, until = budget.LastPeriod ?? Open, amount = budget.Amount, thresholds = budget.Thresholds } },
            clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string Scope(BudgetRow row) => row.Feature is null ? row.Tenant : $"{row.Tenant}/{row.Feature}";

    private static void Audit(IFinOpsDbContext db, BudgetEditor editor, string action, string scope, object details, DateTimeOffset now) =>
        db.AuditLog.Add(new AuditEntry { OccurredAt = now, Actor = editor.Name, Action = action, EntityType = "budget", EntityId = scope, Details = JsonSerializer.Serialize(details) });
}
