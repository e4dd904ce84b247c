using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Audit;
using FinOps.Domain.Catalog;
using FinOps.Domain.Ingest;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Catalog;

/// <summary>One row of the price card CSV (<c>provider,model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok,currency[,batch_discount_pct,note]</c>).</summary>
public sealed record PriceCardRow(string Provider, string Model, DateTimeOffset EffectiveFrom, decimal InputPerMTok, decimal OutputPerMTok,
    decimal CachedInputPerMTok, string Currency, decimal? BatchDiscountPct, string? Note);

public sealed record PriceImportResult(int Added, int Changed, int Unchanged, IReadOnlyList<RowProblem> Problems, IReadOnlyList<string> Rerated)
{
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// Price cards in, all or nothing: every row is checked (the organisation's currency, prices ≥ 0, a batch discount
/// of 0–100 %, one row per priced name and date) before any is written. A row may name a model, or any name the
/// catalog knows for one (a dated snapshot, a meter name), which then prices that name only; a name the catalog has
/// never seen adds a model. A card for an
/// existing (model, effective_from) replaces it, audited old → new; then the periods it prices are reconciled again.
/// </summary>
public sealed class ImportPriceCards(IFinOpsDbContextFactory contexts, RunReconciliation reconcile, TimeProvider clock)
{
    public async Task<PriceImportResult> HandleAsync(IReadOnlyList<ParsedRow<PriceCardRow>> rows, string actor, CancellationToken cancellationToken)
    {
        var problems = rows.Where(r => r.Problem is not null).Select(r => r.Problem!).ToList();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken);
        var currency = settings.Currency;
        var zone = Domain.Periods.ReportingTimeZone.FromId(settings.ReportingTimeZone);
        var names = await PricedNames.LoadAsync(db, cancellationToken);
        var cards = new List<(long Line, PricedNameRef Name, PriceCardRow Row)>();
        foreach (var (line, row) in rows.Where(r => r.Record is not null).Select(r => (r.Line, r.Record!)))
        {
            var name = names.Resolve(row.Provider, row.Model);
            if (row.Currency != currency)
                problems.Add(new RowProblem(line, "currency", $"{row.Currency} is not the organisation currency {currency}"));
            else if (cards.Any(c => c.Name.SameAs(name) && c.Row.EffectiveFrom == row.EffectiveFrom))
                problems.Add(new RowProblem(line, "effective_from", $"a second card for {row.Provider}/{row.Model} from {row.EffectiveFrom:yyyy-MM-dd}"));
            else cards.Add((line, name, row));
        }
        if (problems.Count > 0) return new PriceImportResult(0, 0, 0, problems.OrderBy(p => p.Line).ToList(), []);

        int added = 0, changed = 0, unchanged = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Names the catalog has never seen become models of their own (audited), as usage ingest does.
        await names.AddUnknownAsync(db, cards.Select(c => c.Name), actor, clock.GetUtcNow(), cancellationToken);
        var existing = await db.PriceCards.ToListAsync(cancellationToken);
        foreach (var (_, name, row) in cards)
        {
            var (modelId, aliasId) = name.Ids();
            var current = existing.SingleOrDefault(c => c.ModelId == modelId && c.ModelAliasId == aliasId && c.EffectiveFrom == row.EffectiveFrom);
            if (current is not null && Same(current, row))
            {
                unchanged++;
                continue;
            }
            if (current is not null) db.PriceCards.Remove(current);
            var card = new PriceCard
            {
                ModelId = modelId, ModelAliasId = aliasId, EffectiveFrom = row.EffectiveFrom, InputPerMTok = row.InputPerMTok, OutputPerMTok = row.OutputPerMTok,
                CachedInputPerMTok = row.CachedInputPerMTok, Currency = row.Currency, BatchDiscountPct = row.BatchDiscountPct, Note = row.Note,
                CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
            };
            db.PriceCards.Add(card);
            db.AuditLog.Add(new AuditEntry
            {
                OccurredAt = clock.GetUtcNow(), Actor = actor, Action = current is null ? "price_card.added" : "price_card.changed", EntityType = "price_card",
                EntityId = $"{row.Provider}:{row.Model}:{row.EffectiveFrom:yyyy-MM-dd}",
                Details = JsonSerializer.Serialize(new { old = current is null ? null : View(current), @new = View(card) }),
            });
            if (current is null) added++;
            else changed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // A card prices everything from its date on: the reconciliations of those periods are computed again.
        var rerated = new List<string>();
        if (added + changed > 0)
        {
            var earliest = cards.Min(c => c.Row.EffectiveFrom);
            var runs = await db.ReconciliationRuns.AsNoTracking().Select(r => new { r.Period, r.WindowKind }).ToListAsync(cancellationToken);
            foreach (var run in runs.Where(r => string.CompareOrdinal(r.Period, earliest.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)) >= 0))
            {
                await reconcile.HandleAsync(Domain.Periods.ChargePeriod.Parse(run.Period, zone), run.WindowKind, "prices", cancellationToken);
                rerated.Add($"{run.Period} ({run.WindowKind.ToString().ToLowerInvariant()})");
            }
        }
        return new PriceImportResult(added, changed, unchanged, [], rerated);
    }

    private static bool Same(PriceCard card, PriceCardRow row) =>
        card.InputPerMTok == row.InputPerMTok && card.OutputPerMTok == row.OutputPerMTok && card.CachedInputPerMTok == row.CachedInputPerMTok
        && card.BatchDiscountPct == row.BatchDiscountPct && card.Note == row.Note;

    private static object View(PriceCard c) => new
    {
        input_per_mtok = c.InputPerMTok, output_per_mtok = c.OutputPerMTok, cached_input_per_mtok = c.CachedInputPerMTok, currency = c.Currency,
        batch_discount_pct = c.BatchDiscountPct, note = c.Note,
    };
}

/// <summary>Every price card, for <c>./finops prices export</c> (the import's own columns, so the file round-trips).</summary>
public sealed class ListPriceCards(IFinOpsDbContextFactory contexts)
{
    public async Task<IReadOnlyList<PriceCardRow>> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        // A card on a snapshot is written under the snapshot's name, which imports back to the same card.
        var cards = await db.PriceCards.AsNoTracking()
            .Join(db.Models, c => c.ModelId, m => m.Id, (c, m) => new { c, m })
            .Join(db.Providers, x => x.m.ProviderId, p => p.Id, (x, p) => new { x.c, x.m, p })
            .GroupJoin(db.ModelAliases, x => x.c.ModelAliasId, a => a.Id, (x, a) => new { x.c, x.m, x.p, a })
            .SelectMany(x => x.a.DefaultIfEmpty(), (x, a) => new { x.c, x.p.Slug, Name = a == null ? x.m.Name : a.Alias })
            .ToListAsync(cancellationToken);
        return cards.OrderBy(x => x.Slug, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.c.EffectiveFrom)
            .Select(x => new PriceCardRow(x.Slug, x.Name, x.c.EffectiveFrom, x.c.InputPerMTok, x.c.OutputPerMTok, x.c.CachedInputPerMTok, x.c.Currency,
                x.c.BatchDiscountPct, x.c.Note))
            .ToList();
    }
}
