using FinOps.Domain.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// The fast path of a usage file in which every request is new — the common case of a daily export: one binary
/// COPY straight into token_usage with ids resolved in memory, no staging table and no set-based merge. The
/// database still judges: the key-claim trigger raises a unique violation on the first (source, request id) that
/// is stored already or repeated in the file, and then the caller rolls back to its savepoint and runs the staged
/// merge, which applies the full duplicate and conflict rules of SEMANTICS §2. Both paths store the same rows.
/// </summary>
internal static class DirectUsageLoad
{
    /// <summary>Bad rows are held in memory until the COPY ends; a file with more goes through staging instead.</summary>
    public const int MaxProblemsHeld = 10_000;

    private const string CopyUsage = """
        copy token_usage (tenant_id, occurred_at, source, request_id, feature_id, provider_id, model_id, model_alias_id, input_tokens,
                          cached_input_tokens, output_tokens, latency_ms, status, service_tier, deployment, gpu_seconds, tags, trace_id, workflow, file_id)
        from stdin (format binary)
        """;

    public static async Task<DirectLoadResult> TryAsync(NpgsqlConnection connection, UsageDimensionCatalog catalog,
        IEnumerable<ParsedRow<UsageRecord>> rows, long fileId, StageCounts counts, Action onRow, CancellationToken cancellationToken)
    {
        var problems = new List<ParsedRow<UsageRecord>>();
        var importer = await connection.BeginBinaryImportAsync(CopyUsage, cancellationToken);
        try
        {
            foreach (var row in rows)
            {
                counts.Count(row);
                onRow();
                if (row.Record is not { } r)
                {
                    if (problems.Count == MaxProblemsHeld) return new DirectLoadResult.FallBack($"more than {MaxProblemsHeld:N0} bad rows");
                    problems.Add(row);
                    continue;
                }
                if (!catalog.HasPartitionFor(r.OccurredAt))
                    return new DirectLoadResult.NeedsPartition(new DateOnly(r.OccurredAt.UtcDateTime.Year, r.OccurredAt.UtcDateTime.Month, 1));
                var ids = await catalog.ResolveAsync(r, cancellationToken);
                await importer.StartRowAsync(cancellationToken);
                importer.Write(ids.TenantId, NpgsqlDbType.Bigint);
                importer.Write(r.OccurredAt, NpgsqlDbType.TimestampTz);
                importer.Write(r.Source, NpgsqlDbType.Varchar);
                importer.Write(r.RequestId, NpgsqlDbType.Varchar);
                importer.Write(ids.FeatureId, NpgsqlDbType.Bigint);
                importer.Write(ids.ProviderId, NpgsqlDbType.Integer);
                importer.Write(ids.ModelId, NpgsqlDbType.Integer);
                importer.Write(ids.ModelAliasId, NpgsqlDbType.Integer);
                importer.Write(r.InputTokens, NpgsqlDbType.Bigint);
                importer.Write(r.CachedInputTokens, NpgsqlDbType.Bigint);
                importer.Write(r.OutputTokens, NpgsqlDbType.Bigint);
                WriteNullable(importer, r.LatencyMs, NpgsqlDbType.Integer);
                WriteNullable(importer, r.Status, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.ServiceTier, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.Deployment, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.GpuSeconds, NpgsqlDbType.Numeric);
                WriteNullable(importer, r.Tags, NpgsqlDbType.Jsonb);
                WriteNullable(importer, r.TraceId, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.Workflow, NpgsqlDbType.Varchar);
                importer.Write(fileId, NpgsqlDbType.Bigint);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_token_usage_keys" })
        {
            return new DirectLoadResult.FallBack("a request of the file is stored already or repeated in it");
        }
        finally
        {
            // Disposing an importer that was not completed cancels the COPY; the caller rolls back to its savepoint.
            await importer.DisposeAsync();
        }

        if (!await catalog.InsertNewAsync(connection, cancellationToken))
            return new DirectLoadResult.FallBack("a tenant, feature, provider or model of the file was created by another writer meanwhile");
        await QuarantineAsync(connection, problems, fileId, cancellationToken);
        return new DirectLoadResult.Loaded(counts.Rows - counts.BadRows, problems.Count);
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, type);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) importer.Write(v, type);
        else importer.WriteNull();
    }

    private static async Task QuarantineAsync(NpgsqlConnection connection, List<ParsedRow<UsageRecord>> problems, long fileId, CancellationToken cancellationToken)
    {
        if (problems.Count == 0) return;
        await using var importer = await connection.BeginBinaryImportAsync(
            "copy quarantined_rows (file_id, line_number, column_name, reason, raw_text) from stdin (format binary)", cancellationToken);
        foreach (var row in problems)
        {
            await importer.StartRowAsync(cancellationToken);
            importer.Write(fileId, NpgsqlDbType.Bigint);
            importer.Write(row.Line, NpgsqlDbType.Bigint);
            WriteNullable(importer, row.Problem!.Column, NpgsqlDbType.Text);
            importer.Write(Messages.Storable(row.Problem.Reason), NpgsqlDbType.Text);
            importer.Write(Messages.Storable(row.RawText), NpgsqlDbType.Text);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
