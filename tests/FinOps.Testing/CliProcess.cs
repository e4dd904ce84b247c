using System.Diagnostics;
using System.Reflection;

namespace FinOps.Testing;

public sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs the real, built <c>finops</c> CLI as a separate process, the way scripts use it.</summary>
public static class CliProcess
{
    private static readonly string Configuration =
        typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static Task<CliResult> RunAsync(string? databaseConnectionString, params string[] args) =>
        RunWithInputAsync(databaseConnectionString, "", args);

    public static async Task<CliResult> RunWithInputAsync(string? databaseConnectionString, string standardInput, params string[] args)
    {
        var dll = RepositoryRoot.Combine("src", "FinOps.Cli", "bin", Configuration, "net10.0", "finops.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("FINOPS_DB");
        if (databaseConnectionString is not null) start.Environment["FINOPS_DB"] = databaseConnectionString;

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
