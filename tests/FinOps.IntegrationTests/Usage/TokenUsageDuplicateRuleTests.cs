using FinOps.Testing;
using Npgsql;

namespace FinOps.IntegrationTests.Usage;

/// <summary>SEMANTICS §2: (source, request_id) is stored once, across every month, whoever writes.</summary>
public class TokenUsageDuplicateRuleTests
{
    private static readonly DateTimeOffset October = DateTimeOffset.Parse("2026-10-15T12:00:00Z");
    private static readonly DateTimeOffset November = DateTimeOffset.Parse("2026-11-15T12:00:00Z");

    [Fact]
    public async Task The_same_request_id_of_the_same_source_in_another_month_is_refused_by_the_database()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await UsageRows.CopyAsync(database, [new("acme", "chat", "openai", "gpt-4o", October, "req-1", 100, 10)]);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            UsageRows.CopyAsync(database, [new("acme", "chat", "openai", "gpt-4o", November, "req-1", 100, 10)]));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("pk_token_usage_keys", error.ConstraintName);
        Assert.Equal(1L, await database.ScalarAsync<long>("select count(*) from token_usage"));
    }

    [Fact]
    public async Task A_duplicate_inside_one_bulk_load_fails_the_whole_load()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();

        await Assert.ThrowsAsync<PostgresException>(() => UsageRows.CopyAsync(database, [
            new("acme", "chat", "openai", "gpt-4o", October, "req-1", 100, 10),
            new("globex", "search", "openai", "gpt-4o", November, "req-1", 7, 1),
        ]));

        Assert.Equal(0L, await database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(0L, await database.ScalarAsync<long>("select count(*) from token_usage_keys"));
        Assert.Equal(0L, await database.ScalarAsync<long>("select count(*) from usage_hourly"));
    }

    [Fact]
    public async Task The_same_request_id_from_another_source_is_a_different_request()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();

        await UsageRows.CopyAsync(database, [
            new("acme", "chat", "openai", "gpt-4o", October, "req-1", 100, 10, Source: "usage-csv"),
            new("acme", "chat", "openai", "gpt-4o", October, "req-1", 100, 10, Source: "otel"),
        ]);

        Assert.Equal(2L, await database.ScalarAsync<long>("select count(*) from token_usage"));
    }

    [Fact]
    public async Task Deleting_a_request_releases_its_key_and_rows_cannot_be_edited()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await UsageRows.CopyAsync(database, [new("acme", "chat", "openai", "gpt-4o", October, "req-1", 100, 10)]);

        await using var connection = await database.OpenAsync();
        await using var update = new NpgsqlCommand("update token_usage set output_tokens = 11", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        await using var delete = new NpgsqlCommand("delete from token_usage where request_id = 'req-1'", connection);
        await delete.ExecuteNonQueryAsync();
        await UsageRows.CopyAsync(database, [new("acme", "chat", "openai", "gpt-4o", November, "req-1", 100, 10)]);

        Assert.Contains("immutable", refused.MessageText);
        Assert.Equal(1L, await database.ScalarAsync<long>("select count(*) from token_usage where occurred_at >= '2026-11-01'"));
    }

    [Fact]
    public async Task Cached_input_can_never_exceed_input()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            UsageRows.CopyAsync(database, [new("acme", "chat", "openai", "gpt-4o", October, "req-1", 100, 10, Cached: 101)]));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }
}
