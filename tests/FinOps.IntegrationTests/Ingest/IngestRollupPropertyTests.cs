using System.Globalization;
using System.Text;
using FinOps.Application.Ingest;
using FinOps.Domain.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>
/// Ingest keeps the hourly rollup and the request keys itself (no trigger does), on two paths — the direct load and,
/// when a file repeats or contradicts stored requests, the staged merge. Whatever random files arrive — new rows,
/// exact duplicates, conflicting repeats, late rows for hours already rolled up, two months, a bad row now and then —
/// the hourly rollup, the execution (trace) rollup and the tag counts equal ones recomputed from the raw rows, every stored request
/// holds exactly one key, and the stored requests are the first good version of each request id in arrival order —
/// also after requests are deleted.
/// </summary>
public sealed class IngestRollupPropertyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-rollup-property-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    [InlineData(47)]
    public async Task The_rollup_equals_the_raw_rows_whatever_files_arrive(int seed)
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        var log = new LogCapture();
        // Bad rows are part of the mix: the file-level refusal threshold is not what this test is about.
        await using var services = TestDatabases.ServicesFor(database.ConnectionString,
            configure: s =>
            {
                s.AddSingleton(new IngestThresholds(MaxBadRowFraction: 0.5m, MaxBadCostFraction: 0.5m));
                s.AddSingleton<ILoggerProvider>(log);
            });
        var random = new Random(seed);
        var sent = new List<Request>();           // every good row sent, in arrival order
        var firstGood = new Dictionary<string, Request>();

        for (var file = 0; file < 6; file++)
        {
            var rows = FileOf(random, file, sent);
            var path = Path.Combine(_folder, $"seed{seed}-file{file}.csv");
            await File.WriteAllTextAsync(path, Csv(rows), new UTF8Encoding(false));

            var outcome = await IngestAsync(services, path);

            Assert.True(outcome.Result == IngestResult.Stored, $"file {file} of seed {seed}: {outcome.Reason}");
            foreach (var row in rows.Where(r => r.Good))
            {
                sent.Add(row);
                firstGood.TryAdd(row.RequestId, row);
            }
            Assert.Equal(rows.Count(r => !r.Good), outcome.Quarantined);

            Assert.Equal(await DumpAsync(database, RecomputedRollup), await DumpAsync(database, StoredRollup));
            Assert.Equal(await DumpAsync(database, RecomputedExecutions), await DumpAsync(database, StoredExecutions));
            Assert.Equal(await DumpAsync(database, RawKeys), await DumpAsync(database, ClaimedKeys));
            Assert.Equal(Dump(firstGood.Values), await DumpAsync(database, StoredRequests));
        }
        // Deleting requests (any writer) releases their keys and leaves both rollups equal to what remains.
        await database.ExecuteAsync("delete from token_usage where id in (select id from token_usage where trace_id is not null order by request_id limit 7)");
        Assert.Equal(await DumpAsync(database, RecomputedRollup), await DumpAsync(database, StoredRollup));
        Assert.Equal(await DumpAsync(database, RecomputedExecutions), await DumpAsync(database, StoredExecutions));
        Assert.Equal(await DumpAsync(database, RecomputedTags), await DumpAsync(database, StoredTags));
        Assert.Equal(await DumpAsync(database, RawKeys), await DumpAsync(database, ClaimedKeys));

        // The files did what the test claims: late rows, both months, duplicates and conflicts all happened.
        Assert.True(await database.ScalarAsync<long>("select count(distinct date_trunc('month', occurred_at, 'UTC')) from token_usage") == 2);
        Assert.True(sent.Count > firstGood.Count, "some rows repeated a stored request");
        Assert.Contains(sent, r => firstGood[r.RequestId] != r);
        Assert.True(await database.ScalarAsync<long>("select count(*) from (select trace_id from usage_trace_hourly group by trace_id having count(*) > 1) x") > 0,
            "some executions span hours");
        Assert.True(await database.ScalarAsync<long>("select count(distinct value) from usage_tag_hourly") == 4, "the four projects are counted");
        Assert.Contains(log.Messages, m => m.Contains(", direct load)"));
        Assert.Contains(log.Messages, m => m.Contains(", staged merge)"));
    }

    private sealed record Request(string RequestId, DateTimeOffset At, string Tenant, string Feature, string Provider, string Model,
        long Input, long Output, long Cached, string? Deployment, decimal? GpuSeconds, string? Tier, string? TraceId = null, string? Workflow = null, string? Project = null, bool Good = true);

    private static readonly (string Provider, string Model)[] Models =
        [("openai", "gpt-4o"), ("openai", "gpt-4o-mini"), ("anthropic", "claude-sonnet-4"), ("self-hosted", "llama-3-70b")];

    private static readonly DateTimeOffset Start = new(2026, 10, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A file: new requests, late rows and now and then a bad row; every other file also repeats stored requests
    /// exactly or with other values, and its own lines (those go through the staged merge, the rest load directly).
    /// </summary>
    private static List<Request> FileOf(Random random, int file, List<Request> sent)
    {
        var rows = new List<Request>();
        var count = 40 + random.Next(160);
        var repeats = file % 2 == 1;
        for (var i = 0; i < count; i++)
        {
            var roll = repeats ? random.NextDouble() : 0.24 + random.NextDouble() * 0.76;
            if (sent.Count > 0 && roll < 0.12) rows.Add(sent[random.Next(sent.Count)]);
            else if (sent.Count > 0 && roll < 0.20)
            {
                var earlier = sent[random.Next(sent.Count)];
                rows.Add(earlier with { Input = earlier.Input + 1 + random.Next(50), At = earlier.At.AddMinutes(random.Next(-90, 90)) });
            }
            else if (rows.Count > 0 && roll < 0.24) rows.Add(rows[random.Next(rows.Count)]);
            else if (roll < 0.25) rows.Add(NewRequest(random, file, i) with { Input = -1, Good = false });
            else rows.Add(NewRequest(random, file, i));
        }
        return rows;
    }

    /// <summary>Later files reach back: each file's window starts earlier than the one before ended (late rows, both months).</summary>
    private static Request NewRequest(Random random, int file, int line)
    {
        var (provider, model) = Models[random.Next(Models.Length)];
        var selfHosted = provider == "self-hosted";
        var input = 10 + random.Next(5000);
        var at = Start.AddHours(file * 10 - random.Next(30)).AddSeconds(random.Next(36 * 3600));
        var traced = random.Next(5) < 2;
        return new Request($"r{file}-{line}-{random.Next(1000)}", at < Start ? Start : at, $"tenant-{random.Next(3)}", $"feature-{random.Next(3)}",
            provider, model, input, 1 + random.Next(900), random.Next(input / 2),
            selfHosted ? $"gpu-{random.Next(2)}" : random.Next(4) == 0 ? "eu-1" : null,
            selfHosted ? random.Next(1, 4000) / 1000m : null,
            random.Next(6) == 0 ? "batch" : null)
        {
            // Executions come back across files and hours; two of their calls may name different workflows.
            TraceId = traced ? $"trace-{random.Next(25)}" : null,
            Workflow = traced ? random.Next(3) switch { 0 => "triage", 1 => "research", _ => null } : null,
            // An extra column: kept as the request's tags, whose values the vendor keys page counts.
            Project = random.Next(3) == 0 ? null : $"proj-{random.Next(4)}",
        };
    }

    private static string Csv(IEnumerable<Request> rows)
    {
        var csv = new StringBuilder("request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,cached_input_tokens,deployment,gpu_seconds,service_tier,trace_id,workflow,project\n");
        foreach (var r in rows)
            csv.Append(CultureInfo.InvariantCulture,
                $"{r.RequestId},{r.At:yyyy-MM-ddTHH:mm:ssZ},{r.Tenant},{r.Feature},{r.Provider},{r.Model},{r.Input},{r.Output},{r.Cached},{r.Deployment},{r.GpuSeconds},{r.Tier},{r.TraceId},{r.Workflow},{r.Project}\n");
        return csv.ToString();
    }

    private static string Dump(IEnumerable<Request> requests) => string.Join('\n', requests
        .Select(r => string.Join('|', r.RequestId, r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Tenant, r.Feature, r.Model,
            r.Input, r.Output, r.Cached))
        .Order(StringComparer.Ordinal));

    private const string StoredRequests = """
        select concat_ws('|', u.request_id, to_char(u.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), t.slug, f.slug, m.name,
                         u.input_tokens, u.output_tokens, u.cached_input_tokens)
        from token_usage u join tenants t on t.id = u.tenant_id join features f on f.id = u.feature_id join models m on m.id = u.model_id
        """;

    private const string StoredRollup = """
        select concat_ws('|', tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier, model_alias_id,
                         requests, input_tokens, cached_input_tokens, output_tokens, gpu_seconds)
        from usage_hourly where requests > 0
        """;

    private const string RecomputedRollup = """
        select concat_ws('|', tenant_id, date_trunc('hour', occurred_at, 'UTC'), feature_id, provider_id, model_id, coalesce(deployment, ''),
                         coalesce(service_tier, ''), model_alias_id, count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens),
                         coalesce(sum(gpu_seconds), 0))
        from token_usage
        group by tenant_id, date_trunc('hour', occurred_at, 'UTC'), feature_id, provider_id, model_id, coalesce(deployment, ''),
                 coalesce(service_tier, ''), model_alias_id
        """;

    private const string StoredExecutions = """
        select concat_ws('|', tenant_id, hour, trace_id, feature_id, model_id, model_alias_id, batch, first_at, last_at, calls, input_tokens,
                         cached_input_tokens, output_tokens, workflow)
        from usage_trace_hourly
        """;

    private const string RecomputedExecutions = """
        select concat_ws('|', tenant_id, date_trunc('hour', occurred_at, 'UTC'), trace_id, feature_id, model_id, model_alias_id,
                         coalesce(service_tier = 'batch', false), min(occurred_at), max(occurred_at), count(*), sum(input_tokens),
                         sum(cached_input_tokens), sum(output_tokens), min(workflow collate "C"))
        from token_usage where trace_id is not null
        group by tenant_id, date_trunc('hour', occurred_at, 'UTC'), trace_id, feature_id, model_id, model_alias_id, coalesce(service_tier = 'batch', false)
        """;

    private const string StoredTags = "select concat_ws('|', tenant_id, hour, value, requests) from usage_tag_hourly where requests > 0";

    private const string RecomputedTags = """
        select concat_ws('|', u.tenant_id, date_trunc('hour', u.occurred_at, 'UTC'), t.value, count(*))
        from token_usage u cross join lateral jsonb_each_text(u.tags) t
        where u.tags is not null
        group by u.tenant_id, date_trunc('hour', u.occurred_at, 'UTC'), t.value
        """;

    private const string RawKeys = "select concat_ws('|', source, request_id, tenant_id, occurred_at, id) from token_usage";

    private const string ClaimedKeys = "select concat_ws('|', source, request_id, tenant_id, occurred_at, usage_id) from token_usage_keys";

    private static async Task<string> DumpAsync(TestDatabase database, string query) =>
        await database.ScalarAsync<string>($"select coalesce(string_agg(x, E'\\n' order by x collate \"C\"), '') from ({query}) rows(x)");

    private static async Task<IngestOutcome> IngestAsync(ServiceProvider services, string path)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IngestFile>()
            .HandleAsync(new IngestRequest(path, UploadedBy: "test"), null, CancellationToken.None);
    }
}
