using System.Globalization;
using System.Text;
using FinOps.Application.Ingest;
using FinOps.Domain.Ingest;
using FinOps.Infrastructure.Ingest;
using FinOps.Infrastructure.Ingest.Usage;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>
/// The direct load (one COPY straight into token_usage) must store exactly what the staged merge stores, and give
/// way to it whenever the file needs the duplicate rules.
/// </summary>
public sealed class DirectLoadTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-direct-").FullName;
    private readonly LogCapture _directLog = new();
    private readonly LogCapture _stagedLog = new();
    private TestDatabase _direct = null!;
    private TestDatabase _staged = null!;
    private ServiceProvider _directServices = null!;
    private ServiceProvider _stagedServices = null!;

    public async Task InitializeAsync()
    {
        _direct = await TestDatabases.CreateMigratedAsync();
        _staged = await TestDatabases.CreateMigratedAsync();
        _directServices = TestDatabases.ServicesFor(_direct.ConnectionString, configure: s => s.AddSingleton<ILoggerProvider>(_directLog));
        _stagedServices = TestDatabases.ServicesFor(_staged.ConnectionString, configure: s =>
        {
            s.AddSingleton<ILoggerProvider>(_stagedLog);
            s.AddSingleton(new IngestLoadOptions(DirectLoad: false));
        });
    }

    public async Task DisposeAsync()
    {
        await _directServices.DisposeAsync();
        await _stagedServices.DisposeAsync();
        await _direct.DisposeAsync();
        await _staged.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_direct_load_stores_what_the_staged_merge_stores()
    {
        const string mergeSetup = """
            insert into tenants (slug, display_name, created_at) values ('old-co', 'Old Co', now()), ('new-co', 'New Co', now());
            insert into tenant_merges (from_tenant_id, into_tenant_id, merged_at, merged_by)
            select (select id from tenants where slug = 'old-co'), (select id from tenants where slug = 'new-co'), now(), 'test';
            """;
        await _direct.ExecuteAsync(mergeSetup);
        await _staged.ExecuteAsync(mergeSetup);
        var path = Write("mixed.csv", MixedUsage());

        var direct = await IngestAsync(_directServices, path);
        var staged = await IngestAsync(_stagedServices, path);

        Assert.Equal(IngestResult.Stored, direct.Result);
        Assert.Equal((302L, 300L, 2L), (direct.RowsRead, direct.RowsStored, direct.Quarantined));
        Assert.Equal((staged.RowsRead, staged.RowsStored, staged.Duplicates, staged.Conflicts, staged.Quarantined),
            (direct.RowsRead, direct.RowsStored, direct.Duplicates, direct.Conflicts, direct.Quarantined));
        Assert.Contains(_directLog.Messages, m => m.Contains("direct load"));
        Assert.Contains(_stagedLog.Messages, m => m.Contains("staged merge"));
        foreach (var query in StoredState)
            Assert.Equal(await DumpAsync(_staged, query), await DumpAsync(_direct, query));
        // Merged slugs follow their survivor, aliases resolve, unknown names are created once.
        Assert.Equal(0L, await _direct.ScalarAsync<long>("select count(*) from token_usage u join tenants t on t.id = u.tenant_id where t.slug = 'old-co'"));
        Assert.Equal(2L, await _direct.ScalarAsync<long>("select count(*) from models where first_seen_in_usage"));
        Assert.Equal(2L, await _direct.ScalarAsync<long>("select count(*) from pg_inherits where inhparent = 'token_usage'::regclass"));
    }

    [Fact]
    public async Task A_file_that_repeats_stored_requests_gives_way_to_the_staged_merge()
    {
        await IngestAsync(_directServices, Write("first.csv", IngestTestBase.UsageCsv(0, 100)));

        var overlapping = await IngestAsync(_directServices, Write("second.csv", IngestTestBase.UsageCsv(50, 100)));

        Assert.Equal((150L, 100L, 50L), (await _direct.ScalarAsync<long>("select count(*) from token_usage"), overlapping.RowsRead, overlapping.Duplicates));
        Assert.Equal(50L, overlapping.RowsStored);
        Assert.Contains(_directLog.Messages, m => m.Contains("second.csv goes through the staged merge: a request of the file is stored already"));
        Assert.Equal(150L, await _direct.ScalarAsync<long>("select sum(requests) from usage_hourly"));
    }

    [Fact]
    public async Task A_name_created_by_another_writer_during_the_load_sends_the_file_to_staging()
    {
        await using var dataSource = NpgsqlDataSource.Create(_direct.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var catalog = await UsageDimensionCatalog.LoadAsync(connection, dataSource, CancellationToken.None);
        var record = new UsageRecord("s", "r-1", DateTimeOffset.Parse("2026-10-02T00:00:00Z", CultureInfo.InvariantCulture), "zeta-corp", "chat", "openai", "gpt-4o",
            10, 0, 1, null, null, null, null, null, null);
        var ids = await catalog.ResolveAsync(record, CancellationToken.None);

        await _direct.ExecuteAsync("insert into tenants (slug, display_name, created_at) values ('zeta-corp', 'Zeta', now())");

        Assert.False(await catalog.InsertNewAsync(connection, CancellationToken.None));
        Assert.NotEqual(ids.TenantId, await _direct.ScalarAsync<long>("select id from tenants where slug = 'zeta-corp'"));
    }

    /// <summary>Everything an ingest writes, by name rather than id (the two databases number new names apart).</summary>
    private static readonly string[] StoredState =
    [
        """
        select concat_ws('|', t.slug, u.occurred_at, u.source, u.request_id, f.slug, p.slug, m.name, u.input_tokens, u.cached_input_tokens,
                         u.output_tokens, u.latency_ms, u.status, u.service_tier, u.deployment, u.gpu_seconds, u.tags)
        from token_usage u join tenants t on t.id = u.tenant_id join features f on f.id = u.feature_id
        join providers p on p.id = u.provider_id join models m on m.id = u.model_id
        """,
        """
        select concat_ws('|', t.slug, h.hour, f.slug, p.slug, m.name, h.deployment, h.service_tier, h.requests, h.input_tokens,
                         h.cached_input_tokens, h.output_tokens, h.gpu_seconds)
        from usage_hourly h join tenants t on t.id = h.tenant_id join features f on f.id = h.feature_id
        join providers p on p.id = h.provider_id join models m on m.id = h.model_id
        """,
        "select concat_ws('|', k.source, k.request_id, t.slug, k.occurred_at) from token_usage_keys k join tenants t on t.id = k.tenant_id",
        "select concat_ws('|', line_number, column_name, reason, raw_text) from quarantined_rows",
        "select slug from tenants union all select slug from features union all select slug from providers",
        "select concat_ws('|', p.slug, m.name, m.display_name, m.first_seen_in_usage) from models m join providers p on p.id = m.provider_id",
        "select concat_ws('|', rows_read, rows_stored, rows_duplicate, rows_conflict, rows_quarantined, status) from ingestion_files",
    ];

    private static async Task<string> DumpAsync(TestDatabase database, string query) =>
        await database.ScalarAsync<string>($"select coalesce(string_agg(x, E'\\n' order by x), '') from ({query}) rows(x)");

    /// <summary>Two months, a merged tenant, aliases, an unknown model and provider, optional columns and two bad rows.</summary>
    private static string MixedUsage()
    {
        var csv = new StringBuilder("request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,cached_input_tokens,latency_ms,status,deployment,gpu_seconds,service_tier\n");
        (string Provider, string Model)[] models = [("openai", "GPT-4o-2024-08-06"), ("openai", "my-finetune-v2"), ("self-hosted", "llama-3-70b"), ("anthropic", "claude-sonnet-4-20250514")];
        string[] tenants = ["acme-retail", "old-co", "brand-new"];
        for (var i = 0; i < 300; i++)
        {
            var (provider, model) = models[i % models.Length];
            var at = DateTimeOffset.Parse("2026-10-30T00:00:00Z", CultureInfo.InvariantCulture).AddMinutes(i * 17);
            csv.Append(CultureInfo.InvariantCulture, $"req-{i},{at:yyyy-MM-ddTHH:mm:ssZ},{tenants[i % 3]},feature-{i % 2},{provider},{model},{100 + i},{10 + i % 9},{i % 40},");
            csv.Append(i % 5 == 0 ? "," : $"{i * 3},").Append(i % 7 == 0 ? "error," : "ok,").Append(i % 2 == 0 ? "eu-1," : ",")
               .Append(provider == "self-hosted" ? $"{i * 0.125m:0.000}," : ",").Append(i % 11 == 0 ? "batch\n" : "\n");
            if (i == 100) csv.Append("bad-1,2026-10-31T00:00:00Z,acme-retail,chat,openai,gpt-4o,-5,1,0,,,,,\n");
            if (i == 200) csv.Append("bad-2,2026-11-01T00:00:00,acme-retail,chat,openai,gpt-4o,5,1,0,,,,,\n");
        }
        return csv.ToString();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static async Task<IngestOutcome> IngestAsync(ServiceProvider services, string path)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IngestFile>()
            .HandleAsync(new IngestRequest(path, UploadedBy: "test"), null, CancellationToken.None);
    }
}
