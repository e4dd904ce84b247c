using FinOps.Web.Operations;

namespace FinOps.Web.Tests.Operations;

public class ProcessRoleTests
{
    [Theory]
    [InlineData(null, ProcessRole.All, true, true)]
    [InlineData("", ProcessRole.All, true, true)]
    [InlineData("all", ProcessRole.All, true, true)]
    [InlineData(" Web ", ProcessRole.Web, true, false)]
    [InlineData("WORKER", ProcessRole.Worker, false, true)]
    public void A_role_says_whether_the_process_serves_pages_and_runs_jobs(string? setting, ProcessRole role, bool pages, bool jobs)
    {
        var parsed = ProcessRoles.Parse(setting);

        Assert.Equal(role, parsed);
        Assert.Equal(pages, parsed.ServesPages());
        Assert.Equal(jobs, parsed.RunsJobs());
    }

    [Fact]
    public void An_unknown_role_stops_the_process_with_the_roles_it_accepts()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ProcessRoles.Parse("scheduler"));

        Assert.Equal("FINOPS_ROLE='scheduler' is not a role: use web, worker or all (the default).", refused.Message);
    }
}
