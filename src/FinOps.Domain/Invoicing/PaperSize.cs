namespace FinOps.Domain.Invoicing;

/// <summary>The page a document is printed on, in PDF points (1/72 inch).</summary>
public sealed record PaperSize(string Name, float Width, float Height)
{
    public static readonly PaperSize A4 = new("A4", 595.28f, 841.89f);
    public static readonly PaperSize Letter = new("Letter", 612f, 792f);

    public static PaperSize Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "A4" => A4,
        "LETTER" => Letter,
        var other => throw new FormatException($"paper '{other}' is not one of A4, Letter"),
    };
}
