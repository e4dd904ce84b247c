namespace FinOps.Domain.Tenancy;

/// <summary>A product capability that makes LLM calls (<c>support-chat</c>); shared by every tenant that uses it.</summary>
public sealed class Feature
{
    private Feature(Slug slug, string displayName, DateTimeOffset createdAt)
    {
        Slug = slug;
        DisplayName = displayName;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Slug Slug { get; private set; }
    public string DisplayName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Feature Create(Slug slug, string? displayName, DateTimeOffset createdAt) =>
        new(slug, Tenant.NameOrSlug(displayName, slug), createdAt);

    public void Rename(string displayName) => DisplayName = Tenant.NameOrSlug(displayName, Slug);
}
