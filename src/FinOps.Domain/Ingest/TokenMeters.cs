using System.Globalization;
using System.Text.RegularExpressions;
using FinOps.Domain.Billing;

namespace FinOps.Domain.Ingest;

/// <summary>
/// Reads what vendors write about token meters: the direction from words (<c>input</c>, <c>output</c>,
/// <c>cached</c>, <c>cache read</c>, <c>Inp</c>) and the size of a pricing unit (<c>1M Tokens</c> = 1,000,000).
/// </summary>
public static partial class TokenMeters
{
    /// <summary>The direction a meter bills; cache writes count as input (SEMANTICS §2).</summary>
    public static TokenDirection DirectionOf(params string?[] texts)
    {
        var text = string.Join(' ', texts.Where(t => t is not null)).ToLowerInvariant();
        if (CacheRead().IsMatch(text)) return TokenDirection.CachedInput;
        if (CacheWrite().IsMatch(text)) return TokenDirection.Input;
        var input = Input().IsMatch(text);
        var output = Output().IsMatch(text);
        return (input, output) switch
        {
            (true, false) => TokenDirection.Input,
            (false, true) => TokenDirection.Output,
            _ => TokenDirection.Mixed,
        };
    }

    /// <summary>Tokens in one unit (<c>1M Tokens</c> → 1,000,000; <c>1000 Tokens</c>, <c>1K tokens</c> → 1,000), or null when the unit is not tokens.</summary>
    public static decimal? TokensPerUnit(string? unit)
    {
        if (unit is null) return null;
        var match = TokenUnit().Match(unit.Trim());
        if (!match.Success) return null;
        var number = match.Groups["n"].Success
            ? decimal.Parse(match.Groups["n"].Value.Replace(",", ""), CultureInfo.InvariantCulture)
            : 1m;
        var scale = match.Groups["s"].Value.ToLowerInvariant() switch
        {
            "k" or "thousand" => 1_000m,
            "m" or "million" => 1_000_000m,
            _ => 1m,
        };
        return number * scale;
    }

    public static bool IsTokenUnit(string? unit) => TokensPerUnit(unit) is not null;

    [GeneratedRegex(@"cache[ _-]?read|cached|cache hit")]
    private static partial Regex CacheRead();

    [GeneratedRegex(@"cache[ _-]?(write|creation)")]
    private static partial Regex CacheWrite();

    [GeneratedRegex(@"\b(input|inp|prompt)\b|input[ _-]?tokens?|-input")]
    private static partial Regex Input();

    [GeneratedRegex(@"\b(output|outp|completion|generated)\b|output[ _-]?tokens?|-output")]
    private static partial Regex Output();

    [GeneratedRegex(@"^(?<n>[0-9][0-9,]*(\.[0-9]+)?)?\s*(?<s>k|m|thousand|million)?\s*tokens?$", RegexOptions.IgnoreCase)]
    private static partial Regex TokenUnit();
}
