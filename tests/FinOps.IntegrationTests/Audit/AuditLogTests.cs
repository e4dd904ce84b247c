using FinOps.Testing;
using Npgsql;

namespace FinOps.IntegrationTests.Audit;

public class AuditLogTests
{
    [Theory]
    [InlineData("update audit_log set actor = 'someone-else'")]
    [InlineData("delete from audit_log")]
    [InlineData("truncate audit_log")]
    public async Task The_database_refuses_to_change_or_remove_audit_entries(string tampering)
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            insert into audit_log (occurred_at, actor, action, entity_type, entity_id, details)
            values (now(), 'finance@example.com', 'price_card.changed', 'price_card', '7', '{"old":1,"new":2}')
            """, connection))
            await insert.ExecuteNonQueryAsync();

        await using var command = new NpgsqlCommand(tampering, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(1L, await database.ScalarAsync<long>("select count(*) from audit_log where actor = 'finance@example.com'"));
    }
}
