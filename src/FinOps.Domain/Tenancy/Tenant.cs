namespace FinOps.Domain.Tenancy;

/// <summary>A team or customer that cost is charged back to. Created on first sight in a log; only its name changes.</summary>
public sealed class Tenant
{
    private Tenant(Slug slug, string displayName, DateTimeOffset createdAt)
    {
        Slug = slug;
        DisplayName = displayName;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Slug Slug { get; private set; }
    public string DisplayName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Tenant Create(Slug slug, string? displayName, DateTimeOffset createdAt) =>
        new(slug, NameOrSlug(displayName, slug), createdAt);

    public void Rename(string displayName) => DisplayName = NameOrSlug(displayName, Slug);

    internal static string NameOrSlug(string? displayName, Slug slug) =>
        string.IsNullOrWhiteSpace(displayName) ? slug.Value : displayName.Trim();
}
