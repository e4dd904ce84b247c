using FinOps.Domain.Invoicing;
using MudBlazor;

namespace FinOps.Web.Features.Invoices;

/// <summary>How an invoice's standing is marked wherever invoices are listed (the colour backs the words, never replaces them).</summary>
public static class InvoiceStandingStyle
{
    public static Color Colour(InvoiceStanding standing) => standing switch
    {
        InvoiceStanding.Overdue => Color.Error,
        InvoiceStanding.Paid => Color.Success,
        InvoiceStanding.Draft or InvoiceStanding.Credited => Color.Default,
        _ => Color.Info,
    };
}
