using FinOps.Domain.Tenancy;

namespace FinOps.Application.Tenants;

/// <summary>A slug given by a caller, for looking its row up in the database: only as written (another case or spacing names no row).</summary>
internal static class ExactSlug
{
    public static Slug? Of(string text) => Slug.TryParse(text, out var slug, out _) && slug.Value == text ? slug : null;
}
