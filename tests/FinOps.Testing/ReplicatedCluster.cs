using System.Diagnostics;
using Npgsql;

namespace FinOps.Testing;

/// <summary>
/// A PostgreSQL primary and a streaming replica of it made with <c>pg_basebackup</c>, both private to one test and
/// on loopback ports: the test cluster itself runs with <c>wal_level = minimal</c>, which cannot feed a replica.
/// Built from the server binaries infra/postgres.sh found (FINOPS_PG_BIN); as root the servers run as postgres.
/// </summary>
public sealed class ReplicatedCluster : IAsyncDisposable
{
    private const string Database = "finops";
    private readonly string _root;
    private readonly string _bin;
    private readonly int _primaryPort;
    private readonly int _replicaPort;
    private bool _primaryUp;
    private bool _replicaUp;

    private ReplicatedCluster(string root, string bin, int primaryPort, int replicaPort) =>
        (_root, _bin, _primaryPort, _replicaPort) = (root, bin, primaryPort, replicaPort);

    public string PrimaryConnectionString => $"Host=127.0.0.1;Port={_primaryPort};Username=postgres;Database={Database}";

    public string ReplicaConnectionString => $"Host=127.0.0.1;Port={_replicaPort};Username=postgres;Database={Database}";

    private string PrimaryData => Path.Combine(_root, "primary");
    private string ReplicaData => Path.Combine(_root, "replica");

    /// <param name="prepare">Runs on the primary before the replica is copied from it (migrations, seed data).</param>
    public static async Task<ReplicatedCluster> StartAsync(Func<string, Task> prepare)
    {
        var bin = Environment.GetEnvironmentVariable("FINOPS_PG_BIN") is { Length: > 0 } configured ? configured
            : Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderBy(b => b, StringComparer.Ordinal).LastOrDefault()
              ?? throw new InvalidOperationException("No PostgreSQL server binaries: run the tests with infra/test.sh, which installs them.");
        // Under /var/tmp, not a 0700 temp folder: as root the servers run as postgres, which must reach the folder.
        var root = Path.Combine("/var/tmp", $"finops-replica-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(root);
        var cluster = new ReplicatedCluster(root, bin, LoopbackPort.Free(), LoopbackPort.Free());
        try
        {
            await cluster.StartPrimaryAsync();
            await prepare(cluster.PrimaryConnectionString);
            await cluster.StartReplicaAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static bool AsRoot => Environment.UserName == "root";

    private async Task StartPrimaryAsync()
    {
        if (AsRoot) await RunAsync("chown", "postgres:postgres", _root);
        await RunAsServerAsync("initdb", "-D", PrimaryData, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        // Settings for a small replicated pair: WAL a replica can follow, and no more memory or durability than a test needs.
        await AppendSettingsAsync(PrimaryData, $"""
            listen_addresses = '127.0.0.1'
            port = {_primaryPort}
            unix_socket_directories = '{_root}'
            wal_level = replica
            max_wal_senders = 4
            shared_buffers = 32MB
            fsync = off
            synchronous_commit = off
            timezone = 'UTC'
            """);
        await RunAsServerAsync("pg_ctl", "-D", PrimaryData, "-l", Path.Combine(_root, "primary.log"), "-w", "-t", "120", "start");
        _primaryUp = true;
        await using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={_primaryPort};Username=postgres;Database=postgres");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {Database}", admin);
        await create.ExecuteNonQueryAsync();
    }

    private async Task StartReplicaAsync()
    {
        // -R writes the standby signal and primary_conninfo: the copy starts as a replica streaming from the primary.
        await RunAsServerAsync("pg_basebackup", "-h", "127.0.0.1", "-p", _primaryPort.ToString(), "-U", "postgres", "-D", ReplicaData, "-R", "-X", "stream", "-c", "fast");
        await AppendSettingsAsync(ReplicaData, $"port = {_replicaPort}\n");
        await RunAsServerAsync("pg_ctl", "-D", ReplicaData, "-l", Path.Combine(_root, "replica.log"), "-w", "-t", "120", "start");
        _replicaUp = true;
        await WaitCaughtUpAsync();
    }

    /// <summary>Stops the replica applying what it receives (it keeps receiving): it now lags until resumed.</summary>
    public Task PauseReplayAsync() => OnReplicaAsync("select pg_wal_replay_pause()");

    public Task ResumeReplayAsync() => OnReplicaAsync("select pg_wal_replay_resume()");

    /// <summary>Waits until the replica has replayed everything the primary has written so far (guarded).</summary>
    public async Task WaitCaughtUpAsync()
    {
        string target;
        await using (var primary = new NpgsqlConnection(PrimaryConnectionString))
        {
            await primary.OpenAsync();
            await using var ask = new NpgsqlCommand("select pg_current_wal_lsn()::text", primary);
            target = (string)(await ask.ExecuteScalarAsync())!;
        }
        await using var replica = new NpgsqlConnection(ReplicaConnectionString);
        await replica.OpenAsync();
        await Eventually.UntilAsync(async () =>
        {
            await using var check = new NpgsqlCommand("select pg_last_wal_replay_lsn() >= @target::pg_lsn", replica);
            check.Parameters.AddWithValue("target", target);
            return await check.ExecuteScalarAsync() is true;
        }, TimeSpan.FromMinutes(3), $"the replica to replay up to {target}");
    }

    private async Task OnReplicaAsync(string sql)
    {
        await using var replica = new NpgsqlConnection(ReplicaConnectionString);
        await replica.OpenAsync();
        await using var command = new NpgsqlCommand(sql, replica);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task AppendSettingsAsync(string data, string settings)
    {
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), "\n" + settings + "\n");
    }

    private Task RunAsServerAsync(string tool, params string[] args) =>
        AsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args]) : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }


    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_replicaUp) await StopAsync(ReplicaData);
        if (_primaryUp) await StopAsync(PrimaryData);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A server still letting go of a file: the folder is under /var/tmp and named as the test's.
        }
    }

    private async Task StopAsync(string data)
    {
        try
        {
            await RunAsServerAsync("pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "60", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
    }
}
