using FinOps.Application.Database;

namespace FinOps.Web.Operations;

internal static class SchemaStartupCheck
{
    /// <summary>
    /// The app never runs on a schema it does not match. Migrations are applied by <c>./finops db migrate</c>, or here
    /// when <c>FINOPS_MIGRATE_ON_START=true</c> (the docker-compose default, where no CLI runs first).
    /// </summary>
    public static async Task EnsureSchemaIsCurrentAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var migrator = services.GetRequiredService<ISchemaMigrator>();
        if (configuration.GetValue<bool>("FINOPS_MIGRATE_ON_START"))
        {
            var applied = await migrator.MigrateAsync(null, cancellationToken);
            Serilog.Log.Information("Applied {Count} migration(s) at start-up", applied.Count);
        }
        else
        {
            var status = await migrator.GetStatusAsync(cancellationToken);
            if (!status.IsCurrent) throw new SchemaBehindException(status.Pending.Count);
        }
        // Works either way; says so when the app could switch the database's guards off.
        if (await migrator.RoleWarningAsync(cancellationToken) is { } warning) Serilog.Log.Warning("{DatabaseRoleWarning}", warning);
    }
}
