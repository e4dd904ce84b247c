using System.Text.Json;
using System.Text.Json.Serialization;
using FinOps.Application.Invoicing;

namespace FinOps.Cli.Invoicing;

/// <summary>
/// <c>org.json</c>, the organisation's billing profile as a file: <c>legal_name</c>, <c>address</c>, <c>tax_id</c>,
/// <c>remit_to</c>, <c>footer</c>, <c>logo</c> (a PNG's path, relative to the file), <c>paper</c> (A4 | Letter),
/// <c>amount_format</c> (1234.56 | 1,234.56). Export adds <c>logo_sha256</c>, which import ignores.
/// </summary>
internal sealed record OrganisationProfileFile(
    [property: JsonPropertyName("legal_name")] string? LegalName,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("tax_id")] string? TaxId,
    [property: JsonPropertyName("remit_to")] string? RemitTo,
    [property: JsonPropertyName("footer")] string? Footer,
    [property: JsonPropertyName("logo")] string? Logo,
    [property: JsonPropertyName("paper")] string? Paper,
    [property: JsonPropertyName("amount_format")] string? AmountFormat,
    [property: JsonPropertyName("logo_sha256")] string? LogoSha256 = null)
{
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, WriteIndented = true, MaxDepth = 4,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads the file and its logo; a refusal is one line naming the file and, for bad JSON, its line and column.</summary>
    public static async Task<(OrganisationProfileInput? Input, string? Refusal)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) return (null, $"{path}: no such file");
        if (new FileInfo(path).Length > MaxBytes) return (null, $"{name}: larger than {MaxBytes / 1024} KB: an organisation profile is a few lines of JSON (the logo is a file of its own)");
        OrganisationProfileFile? file;
        try
        {
            await using var stream = File.OpenRead(path);
            file = await JsonSerializer.DeserializeAsync<OrganisationProfileFile>(stream, Options, cancellationToken);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {e.BytePositionInLine + 1}: " : "";
            return (null, $"{name}: {where}{OneLine(e.Message)}");
        }
        if (file is null) return (null, $"{name}: the file holds no JSON object");
        byte[]? logo = null;
        if (!string.IsNullOrWhiteSpace(file.Logo))
        {
            var logoPath = Path.IsPathRooted(file.Logo) ? file.Logo : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, file.Logo);
            if (!File.Exists(logoPath)) return (null, $"{name}: logo {file.Logo}: no such file");
            if (new FileInfo(logoPath).Length > Domain.Invoicing.OrganisationBillingProfile.MaxLogoBytes)
                return (null, $"{name}: logo {file.Logo} is {new FileInfo(logoPath).Length:N0} bytes (at most 1 MB)");
            logo = await File.ReadAllBytesAsync(logoPath, cancellationToken);
        }
        return (new OrganisationProfileInput(file.LegalName, file.Address, file.TaxId, file.RemitTo, file.Footer, logo, file.Paper, file.AmountFormat), null);
    }

    public static string Write(OrganisationBilling organisation) => JsonSerializer.Serialize(new OrganisationProfileFile(
        organisation.Profile.LegalName, organisation.Profile.Address, organisation.Profile.TaxId, organisation.Profile.RemitTo, organisation.Profile.Footer,
        null, organisation.Profile.Paper.Name, Domain.Invoicing.AmountFormat.Name(organisation.Profile.AmountStyle),
        organisation.Logo is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(organisation.Logo))), Options);

    private static string OneLine(string message)
    {
        var unknown = System.Text.RegularExpressions.Regex.Match(message, "The JSON property '([^']*)' could not be mapped");
        if (unknown.Success)
            return $"unknown field '{unknown.Groups[1].Value}' (fields: legal_name, address, tax_id, remit_to, footer, logo, paper, amount_format)";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).ReplaceLineEndings(" ");
    }
}
