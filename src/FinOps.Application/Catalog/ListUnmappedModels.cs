using FinOps.Application.Abstractions;
using FinOps.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Catalog;

/// <summary>A name FinOps met but cannot price: a bill's AI meter no alias matches, or a model only usage logs name.</summary>
/// <param name="Source"><c>billing</c> (current lines with no model) or <c>usage</c> (a model first seen in a token log).</param>
/// <param name="Suggestion">For a bill's name: the catalog model it most likely means and the alias that would map it (one click).</param>
public sealed record UnmappedModel(string Source, string Provider, string Name, long Lines, decimal BilledCost, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen,
    AliasSuggestion? Suggestion = null);

/// <summary>Map <see cref="Alias"/> (a word of the bill's text) to the catalog model <see cref="Model"/>.</summary>
public sealed record AliasSuggestion(string Alias, string Model);

/// <summary>The "Unmapped" list finance works through with <c>./finops models alias</c>; nothing unknown is dropped.</summary>
public sealed class ListUnmappedModels(IFinOpsReadDbContextFactory contexts)
{
    public async Task<IReadOnlyList<UnmappedModel>> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var billing = await db.BillingLines.AsNoTracking()
            .Where(l => l.SupersededByFileId == null && l.ModelId == null && l.ModelText != null && l.TokenDirection != TokenDirection.None)
            .Join(db.Providers, l => l.ProviderId, p => p.Id, (l, p) => new { Provider = p.Slug, Name = l.Sku ?? l.ModelText!, l.BilledCost, l.ChargePeriodStart })
            .GroupBy(l => new { l.Provider, l.Name })
            .Select(g => new UnmappedModel("billing", g.Key.Provider, g.Key.Name, g.LongCount(), g.Sum(l => l.BilledCost),
                g.Min(l => l.ChargePeriodStart), g.Max(l => l.ChargePeriodStart)))
            .ToListAsync(cancellationToken);
        var usage = await db.Models.AsNoTracking()
            .Where(m => m.FirstSeenInUsage)
            .Join(db.Providers, m => m.ProviderId, p => p.Id, (m, p) => new { m.Id, Provider = p.Slug, m.Name })
            .Select(m => new UnmappedModel("usage", m.Provider, m.Name,
                db.UsageHourly.Where(u => u.ModelId == m.Id).Sum(u => (long?)u.Requests) ?? 0, 0m,
                db.UsageHourly.Where(u => u.ModelId == m.Id).Min(u => (DateTimeOffset?)u.Hour),
                db.UsageHourly.Where(u => u.ModelId == m.Id).Max(u => (DateTimeOffset?)u.Hour)))
            .ToListAsync(cancellationToken);
        var catalog = await db.Models.AsNoTracking()
            .Join(db.Providers, m => m.ProviderId, p => p.Id, (m, p) => new { Provider = p.Slug, m.Name })
            .ToListAsync(cancellationToken);
        var byProvider = catalog.GroupBy(m => m.Provider).ToDictionary(g => g.Key, g => g.Select(m => m.Name).ToList());
        var suggested = billing.Select(b => b with { Suggestion = Suggest(b.Name, byProvider.GetValueOrDefault(b.Provider) ?? []) });
        return suggested.Concat(usage).OrderBy(u => u.Provider).ThenByDescending(u => u.BilledCost).ThenBy(u => u.Name).ToList();
    }

    /// <summary>
    /// The longest catalog model whose letters and digits make up one word of the bill's text — USE1-MistralLarge2407-input-tokens
    /// holds the word MistralLarge2407, which is mistral-large-2407 without its dashes — and that word as the alias.
    /// </summary>
    internal static AliasSuggestion? Suggest(string billName, IReadOnlyList<string> models)
    {
        var words = billName.Split(['-', '_', ' ', ',', '/', ':', '|'], StringSplitOptions.RemoveEmptyEntries);
        return models
            .Select(model => (model, key: LettersAndDigits(model)))
            .Where(m => m.key.Length >= 3)
            .SelectMany(m => words.Where(w => LettersAndDigits(w) == m.key).Select(w => new AliasSuggestion(w.ToLowerInvariant(), m.model)))
            .OrderByDescending(s => s.Model.Length)
            .FirstOrDefault();
    }

    private static string LettersAndDigits(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
