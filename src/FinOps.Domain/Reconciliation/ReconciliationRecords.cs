namespace FinOps.Domain.Reconciliation;

/// <summary>
/// One computation of a period's reconciliation at one window size. The latest run of a (period, window) is the
/// current answer; a new run replaces it whole, so running again (after an ingest, nightly, on demand) is idempotent.
/// </summary>
public sealed class ReconciliationRun
{
    public long Id { get; init; }

    /// <summary>The charge period, <c>YYYY-MM</c>.</summary>
    public required string Period { get; init; }

    public required WindowKind WindowKind { get; init; }
    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>What asked for it: <c>ingest</c>, <c>nightly</c>, <c>cli</c>, <c>prices</c>.</summary>
    public required string Trigger { get; init; }

    public required string Currency { get; init; }
    public required decimal BilledCost { get; init; }

    /// <summary>Billed cost in windows that also have logged usage: the attributable part (coverage = covered ÷ billed).</summary>
    public required decimal CoveredCost { get; init; }

    public required int Windows { get; init; }
    public required int Flagged { get; init; }
}

/// <summary>One provider × model × window of a run: both sides, the status and the explained causes (JSON).</summary>
public sealed class ReconciliationRow
{
    public long Id { get; init; }
    public required long RunId { get; init; }
    public required int ProviderId { get; init; }
    public int? ModelId { get; init; }

    /// <summary>The model's name, or <c>(unmapped)</c> for bill lines no alias maps.</summary>
    public required string Model { get; init; }

    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public required decimal BilledInputTokens { get; init; }
    public required decimal BilledCachedInputTokens { get; init; }
    public required decimal BilledOutputTokens { get; init; }
    public required decimal BilledMixedTokens { get; init; }
    public required long LoggedInputTokens { get; init; }
    public required long LoggedCachedInputTokens { get; init; }
    public required long LoggedOutputTokens { get; init; }
    public required long LoggedRequests { get; init; }
    public required decimal BilledCost { get; init; }

    /// <summary>Null when some logged usage has no price card in force.</summary>
    public decimal? ExpectedCost { get; init; }

    public required ReconciliationStatus Status { get; init; }
    public required string Causes { get; init; }
}
