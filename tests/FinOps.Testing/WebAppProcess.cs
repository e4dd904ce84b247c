using System.Diagnostics;
using System.Reflection;

namespace FinOps.Testing;

/// <summary>
/// The built web app run as its own process on a loopback port, the way infra/run.sh runs it. Ready when the
/// host logs that it is listening — an event from the app itself, not a timer.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly string Configuration =
        typeof(WebAppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private WebAppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The process id: which of several processes did a piece of work.</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    /// <param name="environment">More settings for this process: FINOPS_ROLE, FINOPS_SPOOL_DIR, FINOPS_DB_READ…</param>
    public static async Task<WebAppProcess> StartAsync(string connectionString, string logDirectory, TimeSpan startupLimit, string? ownerConnectionString = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = LoopbackPort.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        var project = RepositoryRoot.Combine("src", "FinOps.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(project, "bin", Configuration, "net10.0", "FinOps.Web.dll"));
        start.Environment["FINOPS_DB"] = connectionString;
        if (ownerConnectionString is not null) start.Environment["FINOPS_DB_OWNER"] = ownerConnectionString;
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["FINOPS_LOG_DIR"] = logDirectory;
        // Development serves static web assets straight from the build output (no publish step in tests).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var app = new WebAppProcess(Process.Start(start)!, baseUrl);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Capture(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (app._output) app._output.Add(e.Data);
            if (e.Data.Contains("Now listening on")) listening.TrySetResult();
        }
        app._process.OutputDataReceived += Capture;
        app._process.ErrorDataReceived += Capture;
        app._process.EnableRaisingEvents = true;
        app._process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The web app exited while starting."));
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();

        try
        {
            await listening.Task.WaitAsync(startupLimit);
        }
        catch (Exception e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The web app did not start ({e.Message}). Its output:\n{app.Output}", e);
        }
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

}
