namespace FinOps.Domain.Tenancy;

/// <summary>
/// The immutable identifier of a tenant or feature as logs carry it (<c>acme-retail</c>, <c>support-chat</c>).
/// Lower-case letters, digits, '-', '_' and '.', 1–64 characters; display names are separate and editable.
/// </summary>
public readonly record struct Slug
{
    public const int MaxLength = 64;

    private Slug(string value) => Value = value;

    public string Value { get; }

    public static Slug Parse(string text) =>
        TryParse(text, out var slug, out var reason) ? slug : throw new FormatException(reason);

    /// <summary>Normalises case and surrounding space; <paramref name="reason"/> says why text is not a slug.</summary>
    public static bool TryParse(string? text, out Slug slug, out string reason)
    {
        slug = default;
        var candidate = text?.Trim().ToLowerInvariant() ?? "";
        if (candidate.Length == 0) { reason = "a slug cannot be empty"; return false; }
        if (candidate.Length > MaxLength) { reason = $"'{candidate}' is longer than {MaxLength} characters"; return false; }
        foreach (var c in candidate)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.') continue;
            reason = $"'{candidate}' may hold only a-z, 0-9, '-', '_' and '.' (found '{c}')";
            return false;
        }
        reason = "";
        slug = new Slug(candidate);
        return true;
    }

    public override string ToString() => Value ?? "";
}
