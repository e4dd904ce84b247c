using FinOps.Application.Catalog;
using Npgsql;

namespace FinOps.Infrastructure.Ingest.Billing;

internal sealed class BillingModelResolver(NpgsqlDataSource database) : IBillingModelResolver
{
    public async Task<int> ResolveUnmappedAsync(int providerId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(BillingMergeSql.ResolveUnmapped);
        command.Parameters.Add(new NpgsqlParameter { Value = providerId });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
