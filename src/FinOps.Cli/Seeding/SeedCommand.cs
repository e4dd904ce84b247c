using System.CommandLine;
using FinOps.Application.Seeding;
using FinOps.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Seeding;

internal static class SeedCommand
{
    public static Command Build()
    {
        var seed = new Command("seed", "Add the starter tenants and features (idempotent; matched by slug).")
            .WithExamples("./finops seed");
        seed.SetHandler(async (_, services, ct) =>
        {
            var result = await services.GetRequiredService<SeedReferenceData>().HandleAsync(ct);
            await Console.Error.WriteLineAsync($"seeded {result.TenantsAdded} tenant(s) and {result.FeaturesAdded} feature(s)");
            return ExitCodes.Done;
        });
        return seed;
    }
}
