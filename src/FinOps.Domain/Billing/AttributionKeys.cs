using System.Text.RegularExpressions;

namespace FinOps.Domain.Billing;

/// <summary>
/// The key kinds FinOps reads and where each is read from a bill line's kept columns (its tags): the vendors' own
/// fields (OpenAI <c>project_id</c> and <c>api_key_id</c>, Anthropic <c>workspace_id</c> and <c>api_key_id</c>, CUR
/// <c>line_item_iam_principal</c>, application inference profile ARNs and <c>resource_tags_user_*</c>, Azure
/// deployments and resource tags, Vertex labels) and any FOCUS <c>Tags</c> key as <c>tag:&lt;name&gt;</c>.
/// </summary>
public static partial class AttributionKeys
{
    /// <summary>Kinds without a name part, most specific first: when a line carries several mapped keys, the first kind in this order decides.</summary>
    public static readonly string[] Fixed =
    [
        "openai_api_key", "anthropic_api_key", "aws_inference_profile", "aws_iam_principal", "azure_deployment", "openai_project", "anthropic_workspace",
    ];

    /// <summary>Kinds that name a tag or label: <c>azure_tag:team</c>, <c>aws_tag:cost-center</c>, <c>gcp_label:team</c>, <c>tag:team</c>.</summary>
    public static readonly IReadOnlyList<string> Named = ["azure_tag", "aws_tag", "gcp_label", "tag"];

    public const int MaxValueLength = 512;

    /// <summary>Null when <paramref name="kind"/> is one FinOps reads; otherwise why not.</summary>
    public static string? KindProblem(string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind)) return "kind is required";
        if (Fixed.Contains(kind)) return null;
        var colon = kind.IndexOf(':');
        if (colon > 0 && Named.Contains(kind[..colon]) && TagName().IsMatch(kind[(colon + 1)..])) return null;
        return $"kind '{(kind.Length > 40 ? kind[..40] + "…" : kind)}' is not one FinOps reads ({string.Join(", ", Fixed)}, or {string.Join(", ", Named.Select(n => n + ":<name>"))})";
    }

    /// <summary>Precedence of a kind among a line's keys (lower decides first); tags after every fixed kind.</summary>
    public static int Rank(string kind) => Array.IndexOf(Fixed, kind) is var i and >= 0 ? i : Fixed.Length;

    /// <summary>The keys a bill line of <paramref name="provider"/> carries in its kept columns.</summary>
    public static IReadOnlyList<AttributionKey> FromTags(string provider, IReadOnlyDictionary<string, string> tags)
    {
        var keys = new List<AttributionKey>();
        void Add(string kind, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && value.Length <= MaxValueLength) keys.Add(new AttributionKey(provider, kind, value.Trim()));
        }
        // Azure's cost export keeps its resource tags as one JSON object in a Tags column; CUR 2.0 in resource_tags.
        if (tags.TryGetValue("Tags", out var tagObject) && ParseObject(tagObject) is { } resourceTags)
            foreach (var (name, value) in resourceTags) Add(provider == "azure-openai" ? $"azure_tag:{name}" : $"tag:{name}", value);
        if (tags.TryGetValue("resource_tags", out var curTags) && ParseObject(curTags) is { } awsTags)
            foreach (var (name, value) in awsTags) Add($"aws_tag:{name.Replace("user_", "", StringComparison.Ordinal)}", value);
        // Azure names the deployment of a token meter in the AdditionalInfo object.
        if (provider == "azure-openai" && tags.TryGetValue("AdditionalInfo", out var info) && ParseObject(info) is { } additional
            && additional.TryGetValue("DeploymentName", out var deployment))
            Add("azure_deployment", deployment);
        foreach (var (name, value) in tags)
        {
            switch (name)
            {
                case "project_id" or "openai_project_id" or "tag:openai_project_id" when provider == "openai": Add("openai_project", value); break;
                case "api_key_id" when provider == "openai": Add("openai_api_key", value); break;
                case "workspace_id" when provider == "anthropic": Add("anthropic_workspace", value); break;
                case "api_key_id" or "api_key" when provider == "anthropic": Add("anthropic_api_key", value); break;
                case "iam_principal" or "line_item_iam_principal": Add("aws_iam_principal", value); break;
                case "line_item_resource_id" when value.Contains(":application-inference-profile/", StringComparison.Ordinal): Add("aws_inference_profile", value); break;
                case "DeploymentName" or "deployment_name" or "deployment" when provider == "azure-openai": Add("azure_deployment", value); break;
                default:
                    if (name.StartsWith("resource_tags_user_", StringComparison.Ordinal)) Add($"aws_tag:{name["resource_tags_user_".Length..]}", value);
                    else if (name.StartsWith("labels.", StringComparison.Ordinal)) Add($"gcp_label:{name["labels.".Length..]}", value);
                    else if (name.StartsWith("tag:", StringComparison.Ordinal)) Add(provider == "azure-openai" ? $"azure_tag:{name[4..]}" : name, value);
                    break;
            }
        }
        return keys.Where(k => KindProblem(k.Kind) is null).Distinct().ToList();
    }

    /// <summary>A JSON object's string members (Azure also writes them without the braces); null when it is not one.</summary>
    private static Dictionary<string, string>? ParseObject(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('{')) trimmed = "{" + trimmed + "}";
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(trimmed);
            return document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object ? null
                : document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                    .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:/@+=\- ]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagName();
}
