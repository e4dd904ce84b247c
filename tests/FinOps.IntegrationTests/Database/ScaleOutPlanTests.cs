using System.Text.RegularExpressions;
using FinOps.Testing;
using Npgsql;

namespace FinOps.IntegrationTests.Database;

/// <summary>
/// The Citus plan in docs/scale-out.md against the schema the migrations build: a table nobody placed, or one placed
/// where Citus could not put it, fails here rather than on the day someone distributes the database.
/// </summary>
public sealed partial class ScaleOutPlanTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabases.CreateMigratedAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private sealed record Placement(string Table, string Kind, string? Column);

    private sealed record TableShape(string Table, IReadOnlyDictionary<string, bool> NotNullByColumn);

    [Fact]
    public async Task Every_table_is_placed_and_each_distributed_one_carries_its_distribution_column()
    {
        var plan = ReadPlan();
        var tables = await TablesAsync();

        Assert.Empty(tables.Keys.Except(plan.Keys).Select(t => $"{t} is not in docs/scale-out.md's plan: place it as reference or distributed"));
        Assert.Empty(plan.Keys.Except(tables.Keys).Select(t => $"{t} is in the plan but no migration creates it"));
        foreach (var placement in plan.Values.Where(p => p.Kind == "distributed"))
        {
            var columns = tables[placement.Table].NotNullByColumn;
            Assert.True(placement.Column is not null && columns.ContainsKey(placement.Column),
                $"{placement.Table} is distributed by {placement.Column}, which it does not have");
            Assert.True(columns[placement.Column!], $"{placement.Table}.{placement.Column} may be NULL: a distribution column may not");
        }
        foreach (var shape in tables.Values.Where(t => t.NotNullByColumn.TryGetValue("tenant_id", out var notNull) && notNull))
            Assert.True(plan[shape.Table] is { Kind: "distributed" },
                $"{shape.Table} belongs to a tenant (tenant_id NOT NULL) but the plan does not distribute it");
        foreach (var usage in new[] { "token_usage", "usage_hourly", "usage_trace_hourly", "usage_tag_hourly", "cost_series" })
            Assert.Equal("distributed", plan[usage].Kind);
        Assert.Equal(["__ef_migrations_history"], plan.Values.Where(p => p.Kind == "coordinator").Select(p => p.Table).ToArray());
        Assert.All(plan.Values, p => Assert.Contains(p.Kind, new[] { "distributed", "reference", "coordinator" }));
    }

    private static Dictionary<string, Placement> ReadPlan()
    {
        var document = File.ReadAllText(RepositoryRoot.Combine("docs", "scale-out.md"));
        var start = document.IndexOf("<!-- citus-plan:start -->", StringComparison.Ordinal);
        var end = document.IndexOf("<!-- citus-plan:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/scale-out.md has lost its plan's markers");
        return PlanRow().Matches(document[start..end])
            .Select(m => new Placement(m.Groups["table"].Value, m.Groups["kind"].Value, m.Groups["column"].Value is { Length: > 0 } c ? c : null))
            .Where(p => p.Table != "table")
            .ToDictionary(p => p.Table);
    }

    private async Task<Dictionary<string, TableShape>> TablesAsync()
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select c.relname, a.attname, a.attnotnull
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, Dictionary<string, bool>>();
        while (await reader.ReadAsync())
        {
            if (!columns.TryGetValue(reader.GetString(0), out var table)) columns[reader.GetString(0)] = table = [];
            table[reader.GetString(1)] = reader.GetBoolean(2);
        }
        return columns.ToDictionary(t => t.Key, t => new TableShape(t.Key, t.Value));
    }

    [GeneratedRegex(@"^\|\s*(?<table>[a-z_]+)\s*\|\s*(?<kind>[a-z]+)\s*\|\s*(?<column>[a-z_]*)\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex PlanRow();
}
