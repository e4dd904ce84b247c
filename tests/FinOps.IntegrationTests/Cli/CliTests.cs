using System.Text.Json;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Cli;

public class CliTests
{
    [Fact]
    public async Task Help_lists_the_commands_on_stdout_and_exits_zero()
    {
        var result = await CliProcess.RunAsync(null, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("db", result.StdOut);
        Assert.Contains("seed", result.StdOut);
        Assert.Contains("Examples:", result.StdOut);
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public async Task Subcommand_help_names_its_flags_and_examples()
    {
        var result = await CliProcess.RunAsync(null, "db", "status", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--format", result.StdOut);
        Assert.Contains("./finops db status --format json", result.StdOut);
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("db", "status", "--format", "xml")]
    [InlineData("db", "migrate", "--no-such-flag")]
    public async Task Wrong_usage_exits_two_with_the_reason_on_stderr(params string[] args)
    {
        var result = await CliProcess.RunAsync(null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.StartsWith("finops: ", result.StdErr);
    }

    [Fact]
    public async Task Without_a_database_a_command_refuses_with_one_line_naming_FINOPS_DB()
    {
        var result = await CliProcess.RunAsync(null, "db", "status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains("FINOPS_DB", result.StdErr.Split('\n')[0]);
    }

    [Fact]
    public async Task Commands_that_need_the_schema_refuse_until_db_migrate_has_run()
    {
        await using var database = await TestDatabases.CreateEmptyAsync();

        var refused = await CliProcess.RunAsync(database.ConnectionString, "seed");
        var migrated = await CliProcess.RunAsync(database.ConnectionString, "db", "migrate");
        var again = await CliProcess.RunAsync(database.ConnectionString, "db", "migrate");
        var seeded = await CliProcess.RunAsync(database.ConnectionString, "seed");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("run ./finops db migrate", refused.StdErr.Split('\n')[0]);
        Assert.Equal(0, migrated.ExitCode);
        Assert.Equal("", migrated.StdOut);
        Assert.Contains("applied", migrated.StdErr);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("up to date", again.StdErr);
        Assert.Equal(0, seeded.ExitCode);
        Assert.True(await database.ScalarAsync<int>("select count(*) from tenants") > 0);
    }

    [Fact]
    public async Task Db_status_json_is_clean_data_on_stdout()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();

        var result = await CliProcess.RunAsync(database.ConnectionString, "db", "status", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.True(json.RootElement.GetProperty("current").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("pending").GetArrayLength());
        Assert.NotEqual(0, json.RootElement.GetProperty("applied").GetArrayLength());
    }

    [Fact]
    public async Task Admin_create_reads_the_password_from_stdin_and_makes_a_finance_admin()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();

        var created = await CliProcess.RunWithInputAsync(database.ConnectionString, "a long enough passphrase\n",
            "admin", "create", "--email", "first@example.com", "--password-stdin");
        var again = await CliProcess.RunWithInputAsync(database.ConnectionString, "a long enough passphrase\n",
            "admin", "create", "--email", "first@example.com", "--password-stdin");
        var weak = await CliProcess.RunWithInputAsync(database.ConnectionString, "short\n",
            "admin", "create", "--email", "second@example.com", "--password-stdin");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal("FinanceAdmin", await database.ScalarAsync<string>(
            "select r.name from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id where u.email = 'first@example.com'"));
        Assert.DoesNotContain("passphrase", created.StdErr + created.StdOut);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists", again.StdErr);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("12", weak.StdErr);
    }

    [Fact]
    public async Task Ingest_exits_zero_when_stored_or_already_there_one_when_rejected_and_quarantine_exports_safe_csv()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        var folder = Directory.CreateTempSubdirectory("finops-cli-").FullName;
        var good = Path.Combine(folder, "usage.csv");
        var rows = string.Concat(Enumerable.Range(0, 150).Select(i => $"r{i},2026-10-01T00:00:00Z,acme,chat,openai,=SUM(A1),10,1\n"));
        await File.WriteAllTextAsync(good, "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\n" + rows +
                                            "=1+2,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,x,1\n");
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "when,who\n1,2\n");

        var first = await CliProcess.RunAsync(database.ConnectionString, "ingest", good);
        var again = await CliProcess.RunAsync(database.ConnectionString, "ingest", good);
        var mixed = await CliProcess.RunAsync(database.ConnectionString, "ingest", bad, good);
        var fileId = await database.ScalarAsync<long>("select id from ingestion_files where status = 'Stored'");
        var export = await CliProcess.RunAsync(database.ConnectionString, "quarantine", "export", "--file", fileId.ToString());

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("150 stored", first.StdErr);
        Assert.Equal("", first.StdOut);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to do", again.StdErr);
        Assert.Equal(1, mixed.ExitCode);
        Assert.Contains("bad.csv: rejected", mixed.StdErr);
        Assert.Contains("usage.csv: already ingested", mixed.StdErr);
        Assert.Equal("=SUM(A1)", await database.ScalarAsync<string>("select name from models where name like '=%'"));
        Assert.Equal(0, export.ExitCode);
        var lines = export.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("file_id,file_name,line,column,reason,raw_text", lines[0]);
        Assert.Equal($"{fileId},usage.csv,152,input_tokens,'x' is not a whole number of tokens,'=1+2,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,x,1",
            lines[1].Replace("\"", ""));
        Assert.Contains(",\"'=1+2,", lines[1]);
        Directory.Delete(folder, recursive: true);
    }
}
