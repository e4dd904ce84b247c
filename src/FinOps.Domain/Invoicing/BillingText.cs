namespace FinOps.Domain.Invoicing;

/// <summary>The bounds every free-text billing field obeys where it enters: a length, and no control characters but line breaks where lines are allowed.</summary>
internal static class BillingText
{
    public static void Required(List<string> problems, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{field} is required");
        else Optional(problems, field, value, maxLength);
    }

    public static void Optional(List<string> problems, string field, string? value, int maxLength, bool multiLine = false)
    {
        if (value is null) return;
        if (value.Length > maxLength) problems.Add($"{field} is {value.Length} characters long (at most {maxLength})");
        else if (value.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r')))
            problems.Add(multiLine ? $"{field} holds a control character (only line breaks are allowed)" : $"{field} holds a control character or line break");
    }

    /// <summary>A value quoted in a message: short and on one line.</summary>
    public static string Shown(string value)
    {
        var oneLine = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return oneLine.Length <= 40 ? oneLine : oneLine[..40] + "…";
    }
}
