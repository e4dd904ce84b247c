using FinOps.Domain.Allocation;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Money;
using Xunit;

namespace FinOps.Domain.Tests.Invoicing;

public sealed class InvoicingRulesTests
{
    [Theory]
    [InlineData(DocumentSeries.Invoice, 2026, 0, "INV-2026-00001")]
    [InlineData(DocumentSeries.Invoice, 2026, 41, "INV-2026-00042")]
    [InlineData(DocumentSeries.CreditNote, 2027, 0, "CN-2027-00001")]
    [InlineData(DocumentSeries.Invoice, 2026, 99_999, "INV-2026-100000")]
    public void Numbers_follow_the_last_one_issued_that_year_and_widen_rather_than_wrap(DocumentSeries series, int year, int last, string expected)
    {
        var number = DocumentNumber.Next(series, year, last);
        Assert.Equal(expected, number.ToString());
        Assert.True(DocumentNumber.TryParse(expected.ToLowerInvariant(), out var parsed));
        Assert.Equal(number, parsed);
    }

    [Theory]
    [InlineData("INV-2026-00000")]
    [InlineData("INV-26-00001")]
    [InlineData("DRAFT-2026-10-acme")]
    [InlineData("INV-2026-1")]
    [InlineData("")]
    public void Anything_else_is_not_a_document_number(string text) => Assert.False(DocumentNumber.TryParse(text, out _));

    [Theory]
    [InlineData(false, null, null, false, "draft")]
    [InlineData(true, "2026-12-31", null, false, "finalised")]
    [InlineData(true, "2026-12-01", null, false, "overdue")]
    [InlineData(true, "2026-12-02", null, false, "finalised")]
    [InlineData(true, "2026-12-01", "2026-12-05", false, "paid")]
    [InlineData(true, "2026-12-01", "2026-12-05", true, "credited")]
    public void An_invoice_stands_as_its_facts_say_on_the_day_it_is_read(bool finalised, string? due, string? paid, bool credited, string expected)
    {
        var standing = InvoiceStandings.Of(finalised, due is null ? null : DateOnly.Parse(due), paid is null ? null : DateOnly.Parse(paid), credited, new DateOnly(2026, 12, 2));
        Assert.Equal(expected, standing.Name());
    }

    [Theory]
    [InlineData(1234.5, "USD", AmountStyle.Plain, "1234.50")]
    [InlineData(1234.5, "USD", AmountStyle.Grouped, "1,234.50")]
    [InlineData(-1234567, "JPY", AmountStyle.Grouped, "-1,234,567")]
    [InlineData(12.345, "BHD", AmountStyle.Plain, "12.345")]
    public void Amounts_print_with_the_currencys_minor_digits_in_the_chosen_style(decimal amount, string currency, AmountStyle style, string expected) =>
        Assert.Equal(expected, AmountFormat.Format(amount, Currency.FromCode(currency), style));

    private static StatementLine Line(LineType type, string tenant, decimal amount, string feature = "chat", string? adjusts = null) =>
        new(type, tenant, feature, "openai", "gpt-4o", "", null, null, null, null, null, 10, 0, 5, amount, amount, adjusts);

    [Fact]
    public void A_draft_per_tenant_with_a_non_zero_sum_negative_ones_included_and_nobody_pays_for_idle_or_unallocated()
    {
        var drafts = InvoiceDrafting.From([
            Line(LineType.Direct, "acme", 10m), Line(LineType.Adjustment, "acme", -12.50m, adjusts: "2026-09"),
            Line(LineType.Direct, "globex", 4m), Line(LineType.Adjustment, "globex", -4m, adjusts: "2026-09"),
            Line(LineType.Direct, "initech", 1.01m), Line(LineType.Direct, "initech", 2m, "search"),
            Line(LineType.Idle, Allocator.IdleTenant, 3m), Line(LineType.Unallocated, Allocator.Unallocated, 2m),
        ]);

        Assert.Equal([("acme", -2.50m, 2), ("initech", 3.01m, 2)], drafts.Select(d => (d.Tenant, d.Total, d.Lines.Count)));
    }

    [Fact]
    public void A_tenant_profile_row_is_checked_field_by_field_with_default_terms()
    {
        var fine = TenantBillingProfile.Problems("Acme GmbH", "Street 1\nBerlin", "DE", "DE1", "ap@acme.example", "", null, out var terms);
        var bad = TenantBillingProfile.Problems(" ", new string('x', 501), "de", "tax\u0007", "nope", "-3", new string('p', 51), out _);

        Assert.Empty(fine);
        Assert.Equal(TenantBillingProfile.DefaultPaymentTermsDays, terms);
        Assert.Equal(["legal_name", "address", "country", "tax_id", "email", "payment_terms_days", "po_number"], bad.Select(p => p.Column));
    }

    [Fact]
    public void A_line_says_what_it_charges_and_on_what_basis_in_plain_words()
    {
        var pool = new StatementLine(LineType.Allocated, "acme", "chat", "", "", "gpu-pool-a", "gpu-split", 3, "gpu_seconds", 1234.5m, 0.125m, 0, 0, 0, 10m, 10m);
        Assert.Equal("gpu-pool-a", InvoiceLineWording.Item(pool));
        Assert.Equal("gpu_seconds 1,234.50 · share 12.5 % · rule gpu-split v3", InvoiceLineWording.Basis(pool));
        Assert.Contains("under rule gpu-split version 3", InvoiceLineWording.Explanation(pool, "infra.csv lines 2–9 (8 rows)"));
        Assert.Equal("openai × gpt-4o", InvoiceLineWording.Item(Line(LineType.Direct, "acme", 1m)));
        Assert.Equal("10 in · 5 out", InvoiceLineWording.Basis(Line(LineType.Direct, "acme", 1m)));
    }
}
