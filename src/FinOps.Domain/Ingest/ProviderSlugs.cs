using System.Text;

namespace FinOps.Domain.Ingest;

/// <summary>
/// One slug per provider, whatever a file calls it. LLM usage and token lines get the LLM service's slug
/// (<c>OpenAI</c> → <c>openai</c>; <c>AWS</c>, OpenTelemetry's <c>aws.bedrock</c> → <c>aws-bedrock</c>;
/// <c>Microsoft</c>, <c>azure.ai.openai</c> → <c>azure-openai</c>; <c>gcp.vertex_ai</c> → <c>gcp-vertex</c>);
/// a cloud's other costs (compute, storage) keep the cloud's slug (<c>aws</c>, <c>azure</c>, <c>gcp</c>).
/// </summary>
public static class ProviderSlugs
{
    private static readonly Dictionary<string, (string Llm, string Cloud)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = ("openai", "openai"),
        ["open ai"] = ("openai", "openai"),
        ["anthropic"] = ("anthropic", "anthropic"),
        ["aws"] = ("aws-bedrock", "aws"),
        ["amazon"] = ("aws-bedrock", "aws"),
        ["amazon web services"] = ("aws-bedrock", "aws"),
        ["amazon web services, inc."] = ("aws-bedrock", "aws"),
        ["aws.bedrock"] = ("aws-bedrock", "aws"),
        ["aws-bedrock"] = ("aws-bedrock", "aws"),
        ["bedrock"] = ("aws-bedrock", "aws"),
        ["amazon bedrock"] = ("aws-bedrock", "aws"),
        ["azure"] = ("azure-openai", "azure"),
        ["microsoft"] = ("azure-openai", "azure"),
        ["microsoft azure"] = ("azure-openai", "azure"),
        ["azure.ai.openai"] = ("azure-openai", "azure"),
        ["azure-openai"] = ("azure-openai", "azure"),
        ["azure openai"] = ("azure-openai", "azure"),
        ["azure.ai.inference"] = ("azure-openai", "azure"),
        ["google"] = ("gcp-vertex", "gcp"),
        ["google cloud"] = ("gcp-vertex", "gcp"),
        ["gcp"] = ("gcp-vertex", "gcp"),
        ["gcp.vertex_ai"] = ("gcp-vertex", "gcp"),
        ["gcp-vertex"] = ("gcp-vertex", "gcp"),
        ["gcp.gemini"] = ("gcp-vertex", "gcp"),
        ["vertex_ai"] = ("gcp-vertex", "gcp"),
        ["oracle"] = ("oracle", "oracle"),
        ["oracle cloud infrastructure"] = ("oracle", "oracle"),
    };

    /// <summary>The slug of the provider that served an LLM request or billed its tokens.</summary>
    public static string ForLlm(string name) => Known.TryGetValue(name.Trim(), out var slug) ? slug.Llm : Slugify(name);

    /// <summary>The slug of a cloud's non-LLM costs (compute, storage, credits).</summary>
    public static string ForCloud(string name) => Known.TryGetValue(name.Trim(), out var slug) ? slug.Cloud : Slugify(name);

    // Unknown providers keep a readable slug: lower case, runs of other characters as one '-'.
    private static string Slugify(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}
