using System.CommandLine;
using System.Text.Json;
using FinOps.Application.Access.ApiKeys;
using FinOps.Cli.Hosting;
using FinOps.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Access;

internal static class ApiKeysCommand
{
    public static Command Build()
    {
        var keys = new Command("apikeys", "Keys pipelines use for POST /api/ingest (the same as Settings → API keys).")
            .WithExamples("./finops apikeys create --name airflow-nightly", "./finops apikeys list", "./finops apikeys revoke 3");
        keys.Subcommands.Add(Create());
        keys.Subcommands.Add(List());
        keys.Subcommands.Add(Revoke());
        return keys;
    }

    private static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Who uses the key", Required = true };
        var create = new Command("create", "Create a key with the ingest scope; prints the key (shown once) on stdout.") { name };
        create.WithExamples("KEY=$(./finops apikeys create --name airflow-nightly)");
        create.SetHandler(async (parse, services, ct) =>
        {
            var created = await services.GetRequiredService<ManageApiKeys>().CreateAsync(parse.GetValue(name)!, ApiKey.IngestScope, Environment.UserName, ct);
            await Console.Error.WriteLineAsync($"apikeys: created #{created.Key.Id} '{created.Key.Name}' ({created.Key.Scopes}); the key is shown once:");
            await Console.Out.WriteLineAsync(created.Secret);
            return ExitCodes.Done;
        });
        return create;
    }

    private static Command List()
    {
        var list = new Command("list", "Keys as JSON lines: id, name, prefix, scopes, created_at, last_used_at, revoked_at (never the key).");
        list.WithExamples("./finops apikeys list");
        list.SetHandler(async (_, services, ct) =>
        {
            foreach (var key in await services.GetRequiredService<ManageApiKeys>().ListAsync(ct))
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    id = key.Id, name = key.Name, prefix = key.Prefix, scopes = key.Scopes, created_at = key.CreatedAt, last_used_at = key.LastUsedAt,
                    revoked_at = key.RevokedAt,
                }));
            return ExitCodes.Done;
        });
        return list;
    }

    private static Command Revoke()
    {
        var id = new Argument<long>("ID") { Description = "The key's id (from list)" };
        var revoke = new Command("revoke", "Revoke a key: requests with it are refused from now on.") { id };
        revoke.WithExamples("./finops apikeys revoke 3");
        revoke.SetHandler(async (parse, services, ct) =>
        {
            if (await services.GetRequiredService<ManageApiKeys>().RevokeAsync(parse.GetValue(id), Environment.UserName, ct)) return ExitCodes.Done;
            await Console.Error.WriteLineAsync($"apikeys: no active key #{parse.GetValue(id)}");
            return ExitCodes.Refused;
        });
        return revoke;
    }
}
