using Microsoft.AspNetCore.Identity;

namespace FinOps.Infrastructure.Identity;

/// <summary>
/// Passwords people guess first are refused (OWASP ASVS 2.1.7, NIST SP 800-63B): the long ones that lists of breached
/// passwords are full of, one character or a short pattern repeated, a keyboard or counting run, and passwords made
/// of the account's own name. Length does the rest; no composition rules.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<FinOpsUser>
{
    // Passwords of 12 characters or more that top published breach lists (shorter ones fail the length rule anyway),
    // compared without case, spaces, dashes or underscores.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789123", "123123123123", "111111111111", "000000000000",
        "121212121212", "147258369147", "123321123321", "987654321098", "qwertyuiopas", "qwertyuiop12", "qwertyuiop123",
        "qwerty123456", "qwerty1234567", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "zaq12wsxcde3",
        "qazwsxedcrfv", "qazwsxedcrfvtgb", "asdfghjkl123", "zxcvbnm12345", "zxcvbnm123456", "abcdefghijkl", "abcdefgh1234",
        "abc123abc123", "abcd1234abcd", "password1234", "password12345", "password123456", "password1234!", "password123!",
        "passwordpassword", "p@ssw0rd1234", "p@ssword1234", "passw0rd1234", "mypassword123", "newpassword123",
        "changeme1234", "changemenow1", "letmein12345", "letmeinplease", "welcome12345", "welcome123456", "welcometo2024",
        "iloveyou1234", "iloveyou12345", "trustno1trustno1", "administrator", "administrator1", "admin1234567", "adminadmin12",
        "superuser123", "rootpassword", "sunshine1234", "princess1234", "superman1234", "batman123456", "starwars1234",
        "football1234", "baseball1234", "basketball12", "liverpool123", "chelsea12345", "arsenal12345", "manchester123",
        "monkey123456", "dragon123456", "master123456", "shadow123456", "michael12345", "jennifer1234", "jordan231234",
        "hello1234567", "helloworld12", "freedom12345", "whatever1234", "computer1234", "internet1234", "secret123456",
        "summer2024!!", "winter2024!!", "spring2024!!", "autumn2024!!", "summer2025!!", "winter2025!!", "summer2026!!",
        "winter2026!!", "january2026!", "company12345", "finops123456", "finopsfinops",
    };

    private static readonly string[] Runs = ["0123456789", "9876543210", "abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb"];

    public Task<IdentityResult> ValidateAsync(UserManager<FinOpsUser> manager, FinOpsUser user, string? password) =>
        Task.FromResult(Problem(password ?? "", user.Email) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = problem })
            : IdentityResult.Success);

    /// <summary>Why the password is too easy to guess, or null.</summary>
    public static string? Problem(string password, string? email)
    {
        var folded = new string(password.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '_').ToArray()).ToLowerInvariant();
        if (Common.Contains(folded)) return "This password is on lists of common passwords that attackers try first; choose a passphrase of your own.";
        for (var period = 1; period <= 4; period++)
            if (folded.Length >= period * 3 && Enumerable.Range(0, folded.Length).All(i => folded[i] == folded[i % period]))
                return "A password that repeats a few characters is guessed at once; choose a passphrase of your own.";
        if (Runs.Any(run => run.Contains(folded, StringComparison.Ordinal) || folded.Length >= 10 && run.Contains(folded[..10], StringComparison.Ordinal)))
            return "A run of keys or numbers is guessed at once; choose a passphrase of your own.";
        var name = email?.Split('@')[0].ToLowerInvariant() ?? "";
        if (name.Length >= 4 && folded.Contains(name, StringComparison.Ordinal) && folded.Length - name.Length < 8)
            return "A password made of your own e-mail name is guessed at once; choose a passphrase of your own.";
        return null;
    }
}
