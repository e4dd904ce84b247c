namespace FinOps.Domain.Invoicing;

/// <summary>Where an invoice stands for the people who chase it: stored facts, read on a given day.</summary>
public enum InvoiceStanding { Draft, Finalised, Overdue, Paid, Credited }

public static class InvoiceStandings
{
    /// <summary>
    /// A draft is a draft; a credited invoice is credited whatever else happened; a paid one is paid; an unpaid
    /// finalised one is overdue the day after its due date.
    /// </summary>
    public static InvoiceStanding Of(bool finalised, DateOnly? dueOn, DateOnly? paidOn, bool credited, DateOnly today) =>
        !finalised ? InvoiceStanding.Draft
        : credited ? InvoiceStanding.Credited
        : paidOn is not null ? InvoiceStanding.Paid
        : dueOn is { } due && today > due ? InvoiceStanding.Overdue
        : InvoiceStanding.Finalised;

    public static string Name(this InvoiceStanding standing) => standing.ToString().ToLowerInvariant();
}
