using FinOps.Domain.Ingest;

namespace FinOps.Domain.Tests.Money;

public class SpreadsheetSafeTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("Acme Retail", "Acme Retail")]
    [InlineData(null, "")]
    public void Formula_like_text_is_prefixed_other_text_is_untouched(string? value, string expected) =>
        Assert.Equal(expected, SpreadsheetSafe.Text(value));
}
