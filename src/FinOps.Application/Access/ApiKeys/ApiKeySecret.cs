using System.Security.Cryptography;
using System.Text;

namespace FinOps.Application.Access.ApiKeys;

/// <summary>
/// Keys look like <c>fo_1a2b3c4d_…</c>: a public prefix that finds the row, then 32 random bytes (base64url). Only
/// the SHA-256 of the whole key is stored — a long random secret needs no slow hash — and compared in fixed time.
/// </summary>
public static class ApiKeySecret
{
    public static (string Key, string Prefix, string Hash) Create()
    {
        var prefix = $"fo_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var key = $"{prefix}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        return (key, prefix, Hash(key));
    }

    public static string? PrefixOf(string presented)
    {
        var parts = presented.Split('_');
        return parts.Length >= 3 && parts[0] == "fo" && parts[1].Length == 8 ? $"fo_{parts[1]}" : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
