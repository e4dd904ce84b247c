using FinOps.Infrastructure;
using FinOps.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FinOps.Migrations;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running app; no database is needed to add one.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FinOpsDbContext>
{
    public FinOpsDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(DatabaseConnection.EnvironmentVariable)
                               ?? "Host=127.0.0.1;Database=finops_design;Username=postgres";
        var options = new DbContextOptionsBuilder<FinOpsDbContext>().UseFinOpsDatabase(connectionString);
        return new FinOpsDbContext(((DbContextOptionsBuilder<FinOpsDbContext>)options).Options);
    }
}
