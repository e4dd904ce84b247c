using FinOps.Application.Usage;
using FinOps.Infrastructure.Jobs;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Usage;

public class UsagePartitionMaintenanceTests
{
    [Fact]
    public async Task The_job_creates_this_and_the_next_three_months_once_and_is_a_no_op_the_second_time()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var services = TestDatabases.ServicesFor(database.ConnectionString, new FixedClock(DateTimeOffset.Parse("2026-11-23T20:00:00Z")));
        var partitions = services.GetRequiredService<IUsagePartitions>();
        var job = services.GetRequiredService<UsagePartitionMaintenanceJob>();

        await job.RunAsync(CancellationToken.None);
        var afterFirst = await partitions.ListAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        var afterSecond = await partitions.ListAsync(CancellationToken.None);

        DateOnly[] expected = [new(2026, 11, 1), new(2026, 12, 1), new(2027, 1, 1), new(2027, 2, 1)];
        Assert.Equal(expected, afterFirst);
        Assert.Equal(expected, afterSecond);
    }

    [Fact]
    public async Task The_use_case_reports_only_what_it_created()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var services = TestDatabases.ServicesFor(database.ConnectionString, new FixedClock(DateTimeOffset.Parse("2026-12-31T23:59:59Z")));
        await services.GetRequiredService<IUsagePartitions>().EnsureAsync(new DateOnly(2027, 1, 1), CancellationToken.None);

        var created = await services.GetRequiredService<MaintainUsagePartitions>().HandleAsync(CancellationToken.None);

        Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2027, 2, 1), new DateOnly(2027, 3, 1)], created);
    }

    [Fact]
    public async Task A_partition_covers_exactly_its_utc_month()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await UsageRows.CopyAsync(database, [
            new("acme", "chat", "openai", "gpt-4o", DateTimeOffset.Parse("2026-10-31T23:59:59.999Z"), "r1", 10, 5),
            new("acme", "chat", "openai", "gpt-4o", DateTimeOffset.Parse("2026-11-01T00:00:00Z"), "r2", 10, 5),
        ]);

        Assert.Equal(1L, await database.ScalarAsync<long>("select count(*) from token_usage_2026_10"));
        Assert.Equal(1L, await database.ScalarAsync<long>("select count(*) from token_usage_2026_11"));
        Assert.Equal("r2", await database.ScalarAsync<string>("select request_id from token_usage_2026_11"));
    }
}
