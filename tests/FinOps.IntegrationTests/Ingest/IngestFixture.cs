using System.Text;
using FinOps.Application.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>A migrated database and a folder of test files, per test class.</summary>
public abstract class IngestTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;
    protected ServiceProvider Services { get; private set; } = null!;
    protected string Folder { get; } = Directory.CreateTempSubdirectory("finops-ingest-").FullName;

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Services = TestDatabases.ServicesFor(Database.ConnectionString);
    }

    /// <summary>The class's database: migrated and empty, unless the class starts from a generated month (a template copy).</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabases.CreateMigratedAsync();

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    protected string WriteFile(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    protected async Task<IngestOutcome> IngestAsync(string path, string format = "auto", string? source = null, string? zone = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IngestFile>()
            .HandleAsync(new IngestRequest(path, format, source, zone, "test"), null, CancellationToken.None);
    }

    public const string UsageHeader = "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,cached_input_tokens";

    /// <summary>A usage CSV of <paramref name="count"/> requests, numbered from <paramref name="first"/>.</summary>
    public static string UsageCsv(int first, int count, Func<int, string>? tenantOf = null)
    {
        var builder = new StringBuilder(UsageHeader).Append('\n');
        for (var i = first; i < first + count; i++)
        {
            var tenant = tenantOf?.Invoke(i) ?? (i % 3 == 0 ? "globex-bank" : "acme-retail");
            var at = DateTimeOffset.Parse("2026-10-01T00:00:00Z").AddMinutes(i * 7L);
            builder.Append($"req-{i},{at:yyyy-MM-ddTHH:mm:ssZ},{tenant},support-chat,openai,gpt-4o,{100 + i % 50},{10 + i % 7},{i % 20}\n");
        }
        return builder.ToString();
    }
}
