using Npgsql;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// The connections a file's ingest runs on: the same database, but without Npgsql's 30-second command timeout — a
/// merge of millions of rows on a loaded server takes what it takes — and stopped only through the job's
/// cancellation token. Pages and queries keep the default timeout.
/// </summary>
internal sealed class BulkLoadDatabase(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = Build(connectionString);

    private static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "finops-bulk" };
        builder.ConnectionStringBuilder.CommandTimeout = 0;
        return builder.Build();
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
