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

    /// <summary>The difference as a month of 30 days (negative: the what-if is cheaper).</summary>
    public decimal DifferencePerMonth => Domain.WhatIf.ModelWhatIf.PerMonth(CurrentCost, WhatIfCost, Period.DayCount);

    /// <summary>A one-off cost of moving (migration, evaluation) the monthly saving would pay back, when one is given.</summary>
    public decimal? OneOffCost { get; init; }

    /// <summary>Months until <see cref="OneOffCost"/> is paid back; null without one, or when the what-if saves nothing.</summary>
    public decimal? BreakEvenMonths => OneOffCost is { } oneOff ? Domain.WhatIf.ModelWhatIf.BreakEvenMonths(-DifferencePerMonth, oneOff) : null;

    /// <summary>Cumulative cost month by month from the switch (month 0 holds the one-off), for the break-even chart.</summary>
    public IReadOnlyList<(int Month, decimal Current, decimal WhatIf)> Cumulative(int months)
    {
        var (now, then) = (CurrentCost * 30m / Period.DayCount, WhatIfCost * 30m / Period.DayCount);
        return Enumerable.Range(0, months + 1).Select(m => (m, now * m, (OneOffCost ?? 0m) + then * m)).ToList();
    }
}
