using FinOps.Application.Abstractions;
using FinOps.Application.Allocation;
using FinOps.Domain.Allocation;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Billing;

/// <summary>
/// Each commitment's period: cost, tokens used on its deployment, declared capacity, utilisation and idle cost, as the
/// period's allocation computes them — a closed period with the prices and rules it closed with — or as its stored
/// statement run holds them (what pages read).
/// </summary>
public sealed class GetCommitmentUse(IFinOpsDbContextFactory contexts, ComputeStatements statements)
{
    public async Task<(IReadOnlyList<CommitmentUse> Commitments, string Currency)> HandleAsync(ChargePeriod period, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        bool closed;
        await using (var db = await contexts.CreateAsync(cancellationToken))
            closed = await db.PeriodCloses.AsNoTracking().AnyAsync(c => c.Period == text, cancellationToken);
        var snapshot = closed ? await new PeriodCloses(contexts).SnapshotAsync(text, cancellationToken) : null;
        var (result, _, currency, _) = await statements.AllocateAsync(text, snapshot?.Prices, snapshot?.Rules, [], cancellationToken, snapshot);
        return (result.Commitments, currency.Code);
    }

    /// <summary>The commitments as the period's stored statement run computed them (what its statement shows); none before a run.</summary>
    public async Task<IReadOnlyList<CommitmentUse>> StoredAsync(ChargePeriod period, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var inputs = await db.StatementRuns.AsNoTracking().Where(r => r.Period == text).OrderByDescending(r => r.Id).Select(r => r.Inputs).FirstOrDefaultAsync(cancellationToken);
        if (inputs is null) return [];
        using var document = System.Text.Json.JsonDocument.Parse(inputs);
        return document.RootElement.TryGetProperty("commitments", out var stored)
            ? System.Text.Json.JsonSerializer.Deserialize<List<CommitmentUseJson>>(stored)!.Select(c => c.ToUse()).ToList()
            : [];
    }
}
