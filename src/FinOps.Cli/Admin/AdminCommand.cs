using System.CommandLine;
using FinOps.Application.Users;
using FinOps.Cli.Hosting;
using FinOps.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Admin;

internal static class AdminCommand
{
    public static Command Build()
    {
        var admin = new Command("admin", "Administer sign-ins from the shell (the first admin of a real install).")
            .WithExamples("printf '%s' \"$PASSWORD\" | ./finops admin create --email finance@example.com --password-stdin");
        admin.Subcommands.Add(Create());
        return admin;
    }

    private static Command Create()
    {
        var email = new Option<string>("--email") { Description = "E-mail the user signs in with", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input (never from the command line, where other users see it)",
            Required = true,
        };
        var create = new Command("create", "Create a FinanceAdmin user. Password rules: at least 12 characters.") { email, name, passwordStdin };
        create.WithExamples(
            "printf '%s' \"$PASSWORD\" | ./finops admin create --email finance@example.com --password-stdin",
            "./finops admin create --email finance@example.com --name 'Fiona Finance' --password-stdin < secret.txt");
        create.SetHandler(async (parse, services, ct) =>
        {
            var password = (await Console.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
            if (password.Length == 0) throw new InvalidOperationException("no password on standard input");
            var change = await services.GetRequiredService<IUserDirectory>().CreateAsync(
                new NewUser(parse.GetValue(email)!, parse.GetValue(name), Roles.FinanceAdmin, [], password), "cli", ct);
            if (!change.Succeeded) throw new InvalidOperationException($"user not created: {string.Join(" ", change.Errors)}");
            await Console.Error.WriteLineAsync($"created FinanceAdmin {parse.GetValue(email)}");
            return ExitCodes.Done;
        });
        return create;
    }
}
