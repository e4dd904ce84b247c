namespace FinOps.Web.Operations;

/// <summary>
/// What this process does (FINOPS_ROLE): <c>web</c> serves pages and the API and enqueues jobs; <c>worker</c> runs
/// the background jobs; <c>all</c> (the default) both. Any number of each share one database: Hangfire's queues hand
/// every job to one worker, and job progress reaches pages through PostgreSQL.
/// </summary>
public enum ProcessRole { All, Web, Worker }

public static class ProcessRoles
{
    public const string EnvironmentVariable = "FINOPS_ROLE";

    /// <summary>Read once at start-up; an unknown value stops the process with what was expected.</summary>
    public static ProcessRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => ProcessRole.All,
        "web" => ProcessRole.Web,
        "worker" => ProcessRole.Worker,
        _ => throw new InvalidOperationException($"{EnvironmentVariable}='{value}' is not a role: use web, worker or all (the default)."),
    };

    public static bool ServesPages(this ProcessRole role) => role is not ProcessRole.Worker;

    public static bool RunsJobs(this ProcessRole role) => role is not ProcessRole.Web;
}
