using System.Text.Json;

namespace FinOps.Application.Allocation;

/// <summary>A bill line's kept columns (its <c>tags</c> JSON object) as text values; anything not a string is kept as its JSON text.</summary>
internal static class BillTags
{
    public static IReadOnlyDictionary<string, string> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return new Dictionary<string, string>();
        return document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
    }
}
