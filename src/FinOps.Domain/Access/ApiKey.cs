namespace FinOps.Domain.Access;

/// <summary>
/// A key automation uses instead of a sign-in. Only its SHA-256 is stored: the key itself is shown once, when
/// created. <see cref="Prefix"/> (the part before the secret) finds the row; revoking is final.
/// </summary>
public sealed class ApiKey
{
    public const string IngestScope = "ingest";

    public long Id { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required string SecretHash { get; init; }

    /// <summary>Space-separated scopes; today only <see cref="IngestScope"/>.</summary>
    public required string Scopes { get; init; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public bool Allows(string scope) => IsActive && Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope);
}
