using System.CommandLine;

namespace FinOps.Cli.Hosting;

public enum OutputFormat { Text, Json, Csv }

public static class OutputFormatOption
{
    /// <summary>A <c>--format</c> option limited to <paramref name="allowed"/>; the first is the default.</summary>
    public static Option<string> Create(params OutputFormat[] allowed)
    {
        var names = allowed.Select(f => f.ToString().ToLowerInvariant()).ToArray();
        var option = new Option<string>("--format")
        {
            Description = $"What stdout carries: {string.Join(" | ", names)}",
            DefaultValueFactory = _ => names[0],
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }

    public static OutputFormat GetFormat(this ParseResult parse, Option<string> option) =>
        Enum.Parse<OutputFormat>(parse.GetValue(option)!, ignoreCase: true);
}
