using FinOps.Application.Access;
using FinOps.Application.Allocation;
using FinOps.Application.Database;
using FinOps.Application.Ingest;
using FinOps.Domain.Periods;
using FinOps.Infrastructure;
using FinOps.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.IntegrationTests.Database;

/// <summary>
/// The app as a role that owns nothing: migrations as the owner grant it what it needs; it ingests (new partitions
/// included), computes and closes; it cannot disable triggers, switch replication mode, drop or truncate.
/// </summary>
public sealed class AppRoleTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _appConnection = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-app-role-").FullName;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _appConnection = new NpgsqlConnectionStringBuilder(await AppRole.EnsureAsync(_database)) { Pooling = false }.ConnectionString;
        await using var services = Services();
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(null, default);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The app's services as the app role, with the owner's connection given apart (as infra/run.sh does).</summary>
    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        FinOps.Application.DependencyInjection.AddFinOpsApplication(services);
        services.AddFinOpsInfrastructure(_appConnection, _database.ConnectionString);
        services.AddScoped<ICurrentScope, SystemScope>();
        return services.BuildServiceProvider();
    }

    private async Task<PostgresException> RefusedAsAppAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_appConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_app_role_ingests_into_a_new_months_partition_computes_closes_and_queues_jobs()
    {
        await using var services = Services();
        var path = Path.Combine(_folder, "usage.csv");
        await File.WriteAllTextAsync(path, "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\n" +
                                           string.Concat(Enumerable.Range(0, 200).Select(i => $"r-{i},2031-03-0{1 + i % 9}T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,10\n")));
        var march = ChargePeriod.Of(2031, 3);

        await using (var scope = services.CreateAsyncScope())
            Assert.Equal(IngestResult.Stored, (await scope.ServiceProvider.GetRequiredService<IngestFile>().HandleAsync(new IngestRequest(path, UploadedBy: "test"), null, default)).Result);
        await using (var scope = services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<ClosePeriod>().HandleAsync(march, "no bills in the test", "test", default)).Closed);
        // The job tables the owner installed, used as the app role without preparing the schema (as the web host does);
        // a storage of its own, so Hangfire's process-wide configuration is left alone.
        var storageOptions = new Hangfire.PostgreSql.PostgreSqlStorageOptions { SchemaName = DependencyInjection.HangfireSchema, PrepareSchemaIfNecessary = false };
        var storage = new Hangfire.PostgreSql.PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(_appConnection, storageOptions), storageOptions);
        var job = new BackgroundJobClient(storage).Enqueue(() => Console.WriteLine("queued by the app role"));

        Assert.False(string.IsNullOrEmpty(job));
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from pg_class where relname = 'token_usage_2031_03'"));
        Assert.Equal(200L, await _database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Null(await services.GetRequiredService<ISchemaMigrator>().RoleWarningAsync(default));
    }

    [Theory]
    [InlineData("alter table closed_statement_lines disable trigger all", "must be owner")]
    [InlineData("set session_replication_role = replica", "permission denied")]
    [InlineData("drop table audit_log", "must be owner")]
    [InlineData("truncate audit_log", "permission denied")]
    [InlineData("alter table token_usage_keys drop constraint pk_token_usage_keys", "must be owner")]
    public async Task The_app_role_cannot_switch_off_or_remove_the_guards(string sql, string reason)
    {
        var refused = await RefusedAsAppAsync(sql);

        Assert.Contains(reason, refused.MessageText);
    }

    [Fact]
    public async Task Running_everything_as_a_superuser_works_with_a_warning_not_a_refusal()
    {
        await using var services = TestDatabases.ServicesFor(_database.ConnectionString);

        var warning = await services.GetRequiredService<ISchemaMigrator>().RoleWarningAsync(default);

        Assert.Contains("a superuser", warning);
        Assert.Contains("FINOPS_DB_OWNER", warning);
        Assert.True((await services.GetRequiredService<ISchemaMigrator>().GetStatusAsync(default)).IsCurrent);
    }
}
