using FinOps.Application.Abstractions;

namespace FinOps.Application.Reconciliation;

/// <summary>
/// Deployments whose usage no token bill line covers, so reconciliation leaves it out: self-hosted infra pools, and the
/// deployments of declared commitments (PTUs, provisioned throughput), which are paid by the hour whatever the tokens.
/// </summary>
internal static class SelfPaidDeployments
{
    public static IQueryable<string> Of(IFinOpsDbContext db) => db.InfraCosts.Select(c => c.Pool).Union(db.Commitments.Select(c => c.Deployment));
}
