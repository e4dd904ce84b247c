using System.Text;

namespace FinOps.Domain.Ingest;

/// <summary>
/// One slug per provider, whatever a file calls it: <c>OpenAI</c> → <c>openai</c>, <c>Amazon Web Services</c> and
/// OpenTelemetry's <c>aws.bedrock</c> → <c>aws</c>, <c>Microsoft</c> and <c>azure.ai.openai</c> → <c>azure</c>.
/// </summary>
public static class ProviderSlugs
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = "openai",
        ["open ai"] = "openai",
        ["anthropic"] = "anthropic",
        ["aws"] = "aws",
        ["amazon"] = "aws",
        ["amazon web services"] = "aws",
        ["aws.bedrock"] = "aws",
        ["bedrock"] = "aws",
        ["amazon bedrock"] = "aws",
        ["azure"] = "azure",
        ["microsoft"] = "azure",
        ["microsoft azure"] = "azure",
        ["azure.ai.openai"] = "azure",
        ["azure openai"] = "azure",
        ["azure.ai.inference"] = "azure",
        ["google"] = "gcp",
        ["google cloud"] = "gcp",
        ["gcp"] = "gcp",
        ["gcp.vertex_ai"] = "gcp",
        ["gcp.gemini"] = "gcp",
        ["vertex_ai"] = "gcp",
        ["oracle"] = "oracle",
        ["oracle cloud infrastructure"] = "oracle",
    };

    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        if (Known.TryGetValue(trimmed, out var slug)) return slug;
        // Unknown providers keep a readable slug: lower case, runs of other characters as one '-'.
        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}
