using FinOps.Domain.Periods;

namespace FinOps.Application.WhatIf;

/// <summary>One current provider × model of the scope: its logged mix, its cost now, and the same mix on the what-if card.</summary>
public sealed record ModelWhatIfRow(string Tenant, string Feature, string Provider, string Model, long InputTokens, long CachedInputTokens, long OutputTokens,
    decimal CurrentCost, string WhatIfProvider, string WhatIfModel, decimal WhatIfCost, IReadOnlyList<string> Notes)
{
    public decimal Difference => WhatIfCost - CurrentCost;
}

/// <summary>The what-if of a scope over a period (exact amounts), or why it cannot be answered.</summary>
public sealed record ModelWhatIfAnswer(string? Refusal, ChargePeriod Period, string Currency, IReadOnlyList<ModelWhatIfRow> Rows)
{
    public decimal CurrentCost => Rows.Sum(r => r.CurrentCost);
    public decimal WhatIfCost => Rows.Sum(r => r.WhatIfCost);
    public decimal Difference => WhatIfCost - CurrentCost;
}
