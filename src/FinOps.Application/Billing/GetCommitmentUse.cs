using FinOps.Application.Abstractions;
using FinOps.Application.Allocation;
using FinOps.Domain.Allocation;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Billing;

/// <summary>
/// Each commitment's period: cost, tokens used on its deployment, declared capacity, utilisation and idle cost, as the
/// period's allocation computes them — a closed period with the prices and rules it closed with.
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
}
