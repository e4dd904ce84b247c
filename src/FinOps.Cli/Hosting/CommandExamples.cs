using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace FinOps.Cli.Hosting;

/// <summary>Adds an "Examples:" section to <c>finops COMMAND --help</c> without cluttering the command list.</summary>
public static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    public static T WithExamples<T>(this T command, params string[] examples) where T : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static void Enable(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!);
    }

    private sealed class HelpWithExamples(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = inner.Invoke(parseResult);
            if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples) output.WriteLine($"  {example}");
                output.WriteLine();
            }
            return result;
        }
    }
}
