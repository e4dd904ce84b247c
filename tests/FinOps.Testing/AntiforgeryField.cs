using System.Text.RegularExpressions;

namespace FinOps.Testing;

/// <summary>The antiforgery token a server-rendered form carries, for tests that post forms the way a browser does.</summary>
public static partial class AntiforgeryField
{
    public static string In(string html) => Field().Match(html).Groups["token"].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Field();
}
