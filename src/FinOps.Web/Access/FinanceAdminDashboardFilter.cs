using FinOps.Domain.Access;
using Hangfire.Dashboard;

namespace FinOps.Web.Access;

/// <summary>The Hangfire dashboard (/jobs) is for finance admins.</summary>
internal sealed class FinanceAdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.FinanceAdmin);
}
