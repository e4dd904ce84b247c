using System.CommandLine;
using FinOps.Application.Demo;
using FinOps.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Demo;

internal static class DemoCommand
{
    public static Command Build()
    {
        var demo = new Command("demo", "Demo data for evaluation (never on a real install).").WithExamples("./finops demo load");
        var load = new Command("load", "Load the demo: starter tenants and features, and one sign-in per role (idempotent).")
            .WithExamples("./finops demo load");
        load.SetHandler(async (_, services, ct) =>
        {
            var result = await services.GetRequiredService<LoadDemoData>().HandleAsync(ct);
            await Console.Error.WriteLineAsync(
                $"demo: {result.Seed.TenantsAdded} tenant(s), {result.Seed.FeaturesAdded} feature(s), {result.UsersCreated.Count} user(s) added");
            foreach (var user in DemoUsers.All)
                await Console.Error.WriteLineAsync($"  {user.Role,-13} {user.Email,-22} password {DemoUsers.Password}");
            return ExitCodes.Done;
        });
        demo.Subcommands.Add(load);
        return demo;
    }
}
