using System.Security.Cryptography;
using System.Text;
using FinOps.Application.Abstractions;
using FinOps.Application.Access;
using FinOps.Application.Allocation;
using FinOps.Application.Notifications;
using FinOps.Application.Portal;
using FinOps.Domain.Access;
using FinOps.Application.Invoicing;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using FinOps.IntegrationTests.Ingest;
using FinOps.Infrastructure.Invoicing;
using FinOps.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UglyToad.PdfPig;

namespace FinOps.IntegrationTests.Invoicing;

/// <summary>Drafts at close, gap-free numbering under concurrency and across years, credit notes, and a database that keeps finalised invoices final.</summary>
public sealed class InvoiceLifecycleTests : IngestTestBase
{
    private const string Usage = "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\n";
    private static readonly ChargePeriod October = ChargePeriod.Parse("2026-10", ReportingTimeZone.Utc);
    private static readonly ChargePeriod November = ChargePeriod.Parse("2026-11", ReportingTimeZone.Utc);

    private static string Tenant(int i) => $"t-{i:D2}";

    /// <summary>October: <paramref name="tenants"/> tenants sharing one 300.00 bill by their tokens (tenant i used i thousand), closed.</summary>
    private async Task CloseOctoberAsync(int tenants = 24)
    {
        var usage = new StringBuilder(Usage);
        for (var i = 1; i <= tenants; i++) usage.Append($"r-{i},2026-10-05T10:{i % 60:D2}:00Z,{Tenant(i)},chat,openai,gpt-4o,{i * 1000},0\n");
        await IngestAsync(WriteFile("oct-usage.csv", usage.ToString()));
        await IngestAsync(WriteFile("oct-costs.csv", "start_time,end_time,amount_value,amount_currency,line_item\n" +
            "2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,300.00,usd,\"gpt-4o-2024-08-06, input\"\n"));
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ClosePeriod>().HandleAsync(October, "test bill, known", "test", CancellationToken.None);
        Assert.True(outcome.Closed, outcome.Refusal);
    }

    private async Task<T> With<T>(Func<IServiceProvider, Task<T>> use, TimeProvider? clock = null)
    {
        if (clock is null)
        {
            await using var scope = Services.CreateAsyncScope();
            return await use(scope.ServiceProvider);
        }
        await using var services = TestDatabases.ServicesFor(Database.ConnectionString, clock);
        await using var clocked = services.CreateAsyncScope();
        return await use(clocked.ServiceProvider);
    }

    private Task<FinaliseOutcome> FinaliseAsync(ChargePeriod period, string? tenant = null, TimeProvider? clock = null) =>
        With(s => s.GetRequiredService<FinaliseInvoices>().HandleAsync(period, tenant, "finance", CancellationToken.None), clock);

    private Task<CreditOutcome> CreditAsync(string number, bool reissue, TimeProvider? clock = null) =>
        With(s => s.GetRequiredService<CreditInvoice>().HandleAsync(number, "wrong rule applied", reissue, "finance", CancellationToken.None), clock);

    private Task<IReadOnlyList<InvoiceRow>> ListAsync(ChargePeriod period) =>
        With(s => s.GetRequiredService<ListInvoices>().HandleAsync(period, "finance", CancellationToken.None));

    [Fact]
    public async Task Closing_a_period_makes_one_draft_per_tenant_in_its_own_transaction_each_the_sum_of_its_frozen_lines()
    {
        await CloseOctoberAsync();

        // Read straight from the tables, before anything lists invoices: the close itself made them.
        var drafts = await Database.RowsAsync("""
            select i.tenant, i.total, i.number is null, count(l.*), (select sum(amount) from closed_statement_lines c where c.period = i.period and c.tenant = i.tenant)
            from invoices i join invoice_lines l on l.invoice_id = i.id where i.status = 'Draft' group by i.id order by i.tenant
            """);
        Assert.Equal(24, drafts.Count);
        Assert.All(drafts, d => Assert.Equal((decimal)d[1], (decimal)d[4]));
        Assert.All(drafts, d => Assert.True((bool)d[2]));
        Assert.Equal(300.00m, drafts.Sum(d => (decimal)d[1]));
        Assert.Equal(1, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'invoices.drafted'"));
    }

    [Fact]
    public async Task Twenty_four_finalisations_at_once_take_consecutive_numbers_and_store_their_pdfs_with_their_hashes()
    {
        await CloseOctoberAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 24).Select(i => Task.Run(() => FinaliseAsync(October, Tenant(i)))));

        var numbers = outcomes.SelectMany(o => o.Finalised).Select(f => f.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"INV-2026-{n:D5}"), numbers);
        var documents = await Database.RowsAsync("select d.pdf, d.sha256, i.number, i.tenant from invoice_documents d join invoices i on i.id = d.invoice_id");
        Assert.Equal(24, documents.Count);
        Assert.All(documents, d => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData((byte[])d[0])), ((string)d[1]).Trim()));
        using (var pdf = PdfDocument.Open((byte[])documents[0][0]))
        {
            Assert.Contains((string)documents[0][2], pdf.GetPage(1).Text);
            Assert.Contains((string)documents[0][3], pdf.GetPage(1).Text);
        }

        var again = await FinaliseAsync(October);
        Assert.Null(again.Refusal);
        Assert.Empty(again.Finalised);
        Assert.Equal(24, again.AlreadyFinal);
        Assert.Equal(24, await Database.ScalarAsync<int>("select last from document_counters where series = 'INV' and year = 2026"));
    }

    [Fact]
    public async Task Numbers_restart_at_one_each_year_of_finalisation_in_both_series()
    {
        await CloseOctoberAsync(3);
        var newYearsEve = new FixedClock(DateTimeOffset.Parse("2026-12-31T23:30:00Z"));
        var newYear = new FixedClock(DateTimeOffset.Parse("2027-01-01T00:10:00Z"));

        var first = await FinaliseAsync(October, Tenant(1), newYearsEve);
        var second = await FinaliseAsync(October, Tenant(2), newYearsEve);
        var third = await FinaliseAsync(October, Tenant(3), newYear);
        var credit2026 = await CreditAsync("INV-2026-00001", reissue: false, newYearsEve);
        var credit2027 = await CreditAsync("INV-2026-00002", reissue: false, newYear);

        Assert.Equal(["INV-2026-00001", "INV-2026-00002", "INV-2027-00001"], new[] { first, second, third }.Select(o => o.Finalised.Single().Number));
        Assert.Equal(new DateOnly(2027, 1, 1), third.Finalised.Single().IssuedOn);
        Assert.Equal(new DateOnly(2027, 1, 31), third.Finalised.Single().DueOn);
        Assert.Equal(("CN-2026-00001", "CN-2027-00001"), (credit2026.CreditNote, credit2027.CreditNote));
    }

    [Fact]
    public async Task A_credit_note_reverses_the_whole_invoice_and_the_reissue_is_finalised_with_the_profile_as_it_is_then()
    {
        await CloseOctoberAsync(3);
        var original = (await FinaliseAsync(October, Tenant(2))).Finalised.Single();

        var credited = await CreditAsync(original.Number, reissue: true);
        var twice = await CreditAsync(original.Number, reissue: false);
        var draft = await With(s => s.GetRequiredService<CreditInvoice>().HandleAsync("DRAFT-2026-10-t-01", "x", false, "finance", CancellationToken.None));
        await With(s => s.GetRequiredService<ManageBillingProfiles>().ImportTenantsAsync(
            [new TenantProfileRow(2, Tenant(2), "Tenant Two Holdings AG", "Bahnhofstrasse 1\nZürich", "CH", "CHE-123", "ap@two.example", "14", "PO-9")], "finance", CancellationToken.None));
        var reissued = (await FinaliseAsync(October, Tenant(2))).Finalised.Single();

        Assert.Null(credited.Refusal);
        Assert.Equal("CN-2026-00001", credited.CreditNote);
        Assert.Equal(-original.Total, credited.Total);
        Assert.Equal($"{original.Number} is already credited by CN-2026-00001", twice.Refusal);
        Assert.Contains("a draft is not credited", draft.Refusal);
        Assert.Equal("INV-2026-00002", reissued.Number);
        Assert.Equal(original.Total, reissued.Total);
        Assert.Equal(reissued.IssuedOn.AddDays(14), reissued.DueOn);

        var rows = (await ListAsync(October)).Where(r => r.Tenant == Tenant(2)).ToList();
        Assert.Equal([(InvoiceStanding.Credited, "CN-2026-00001"), (InvoiceStanding.Finalised, null)], rows.Select(r => (r.Standing, r.CreditedBy)));
        var files = await With(s => s.GetRequiredService<RenderInvoices>().HandleAsync(October, Tenant(2), "finance", CancellationToken.None));
        var note = files.Files.Single(f => f.FileName == $"CN-2026-00001-{Tenant(2)}.pdf");
        using (var pdf = PdfDocument.Open(note.Pdf))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains($"Reverses invoice {original.Number}", text);
            Assert.Contains("wrong rule applied", text);
            Assert.Contains($"-{original.Total:0.00}", text);
        }
        using (var pdf = PdfDocument.Open(files.Files.Single(f => f.FileName == $"INV-2026-00002-{Tenant(2)}.pdf").Pdf))
            Assert.Contains("Tenant Two Holdings AG", pdf.GetPage(1).Text);
        Assert.Equal(2, await Database.ScalarAsync<long>("select count(*) from audit_log where action in ('invoice.credited', 'billing.tenants.imported')"));
    }

    [Fact]
    public async Task A_purchase_order_set_for_the_period_is_printed_instead_of_the_profiles_until_the_invoice_is_final()
    {
        await CloseOctoberAsync(2);
        await With(s => s.GetRequiredService<ManageBillingProfiles>().ImportTenantsAsync(
            [new TenantProfileRow(2, Tenant(1), "One Ltd", null, null, null, null, null, "PO-STANDING"), new TenantProfileRow(3, Tenant(2), "Two Ltd", null, null, null, null, null, "PO-STANDING-2")],
            "finance", CancellationToken.None));
        Task<string?> SetPo(string tenant, string period, string number) => With(s => s.GetRequiredService<ManageBillingProfiles>()
            .SetPurchaseOrderAsync(tenant, ChargePeriod.Parse(period, ReportingTimeZone.Utc), number, "finance", CancellationToken.None));

        Assert.Null(await SetPo(Tenant(1), "2026-10", "PO-OCT-1"));
        Assert.Null(await SetPo(Tenant(1), "2026-11", "PO-NOV-1"));
        await FinaliseAsync(October);
        var late = await SetPo(Tenant(1), "2026-10", "PO-LATE");

        var parties = await Database.RowsAsync("select tenant, parties->>'PoNumber' from invoices order by tenant");
        Assert.Equal([("t-01", "PO-OCT-1"), ("t-02", "PO-STANDING-2")], parties.Select(r => ((string)r[0], (string)r[1])));
        Assert.Equal("t-01's invoice for 2026-10 is finalised: a new PO number reaches it only through a credit note and re-issue", late);
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'billing.purchase_order.set'"));
    }

    [Fact]
    public async Task An_unpaid_invoice_is_overdue_after_its_due_date_a_paid_one_is_paid_and_a_credited_one_has_nothing_to_pay()
    {
        await CloseOctoberAsync(3);
        var issuedOn = new FixedClock(DateTimeOffset.Parse("2026-11-02T09:00:00Z"));
        foreach (var i in new[] { 1, 2, 3 }) await FinaliseAsync(October, Tenant(i), issuedOn);
        await CreditAsync("INV-2026-00003", reissue: false, issuedOn);
        Task<string?> Pay(string number, DateOnly? on) =>
            With(s => s.GetRequiredService<RecordInvoicePayment>().HandleAsync(number, on, "JE-1", "finance", CancellationToken.None), issuedOn);

        var paid = await Pay("INV-2026-00001", new DateOnly(2026, 11, 20));
        var twice = await Pay("INV-2026-00001", null);
        var credited = await Pay("INV-2026-00003", null);
        var early = await Pay("INV-2026-00002", new DateOnly(2026, 10, 1));
        var onDueDay = await With(s => s.GetRequiredService<ListInvoices>().HandleAsync(October, "finance", CancellationToken.None), new FixedClock(DateTimeOffset.Parse("2026-12-02T12:00:00Z")));
        var dayAfter = await With(s => s.GetRequiredService<ListInvoices>().HandleAsync(October, "finance", CancellationToken.None), new FixedClock(DateTimeOffset.Parse("2026-12-03T12:00:00Z")));

        Assert.Null(paid);
        Assert.Equal("INV-2026-00001 was marked paid on 2026-11-20 already", twice);
        Assert.Equal("INV-2026-00003 is credited by CN-2026-00001: there is nothing to pay", credited);
        Assert.Equal("INV-2026-00002 was issued on 2026-11-02: it cannot be paid on 2026-10-01", early);
        Assert.Equal(["paid", "finalised", "credited"], onDueDay.Select(r => r.Standing.Name()));
        Assert.Equal(["paid", "overdue", "credited"], dayAfter.Select(r => r.Standing.Name()));
        Assert.Equal(new DateOnly(2026, 12, 2), dayAfter[1].DueOn);
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'invoice.paid'"));
    }

    [Theory]
    [InlineData("update invoices set total = total + 1 where status = 'Finalised'")]
    [InlineData("update invoices set due_on = due_on + 30 where status = 'Finalised'")]
    [InlineData("delete from invoices where status = 'Finalised'")]
    [InlineData("update invoice_lines set amount = 0 where invoice_id in (select id from invoices where status = 'Finalised')")]
    [InlineData("delete from invoice_lines where invoice_id in (select id from invoices where status = 'Finalised')")]
    [InlineData("insert into invoice_lines (invoice_id, ordinal, line_key, line_type, feature, provider, model, pool, input_tokens, cached_input_tokens, output_tokens, amount) select id, 99, 'x', 'Direct', 'x', 'x', 'x', '', 0, 0, 0, 5 from invoices where status = 'Finalised'")]
    [InlineData("update invoice_documents set pdf = 'x'::bytea")]
    [InlineData("delete from invoice_documents")]
    [InlineData("update credit_notes set reason = 'other'")]
    [InlineData("delete from credit_notes")]
    [InlineData("update document_counters set last = last - 1")]
    [InlineData("truncate invoices, invoice_lines, invoice_documents, credit_notes, invoice_payments, document_counters")]
    [InlineData("insert into invoices (period, tenant_id, tenant, currency, total, tokens, created_at, created_by, status, number) select period, tenant_id, tenant, currency, 1, 0, now(), 'mallory', 'Finalised', 'INV-2026-00099' from invoices limit 1")]
    // Run as the server's superuser: the guards bind the owner and superusers too.
    public async Task The_database_refuses_any_change_to_a_finalised_invoice_its_lines_its_pdf_or_a_credit_note(string tampering)
    {
        await CloseOctoberAsync(3);
        await FinaliseAsync(October, Tenant(1));
        await FinaliseAsync(October, Tenant(2));
        await CreditAsync("INV-2026-00002", reissue: false);
        const string state = """
            select string_agg(coalesce(number, '-') || total::text || coalesce(due_on::text, ''), ';' order by id) || (select string_agg(amount::text, ';' order by id) from invoice_lines)
                || (select string_agg(sha256, ';' order by id) from invoice_documents) || (select string_agg(reason, ';') from credit_notes) from invoices
            """;
        var before = await Database.ScalarAsync<string>(state);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(tampering));

        Assert.Matches("final|finalised|draft without a number|one at a time", refused.MessageText);
        Assert.Equal(before, await Database.ScalarAsync<string>(state));
    }

    [Fact]
    public async Task An_open_period_is_not_finalised_and_a_draft_may_still_change()
    {
        await CloseOctoberAsync(2);

        var open = await FinaliseAsync(November);
        var unknownTenant = await FinaliseAsync(October, "nobody");
        await Database.ExecuteAsync("update invoices set created_by = 'someone else' where status = 'Draft'");

        Assert.Equal("period 2026-11 is not closed: invoices are finalised from a closed period (./finops close --period 2026-11)", open.Refusal);
        Assert.Contains("tenant nobody has no invoice for 2026-10", unknownTenant.Refusal);
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from invoices where number is not null"));
    }

    [Fact]
    public async Task A_tenant_whose_corrections_outweigh_its_month_gets_a_negative_invoice_numbered_in_the_same_sequence()
    {
        await IngestAsync(WriteFile("oct-usage.csv", Usage +
            "o-1,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,1000,0\n" +
            "o-2,2026-10-05T11:00:00Z,globex-bank,search,openai,gpt-4o,1000,0\n"));
        await IngestAsync(WriteFile("costs.csv", "start_time,end_time,amount_value,amount_currency,line_item\n" +
            "2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,10.00,usd,\"gpt-4o-2024-08-06, input\"\n" +
            "2026-11-05T00:00:00Z,2026-11-06T00:00:00Z,1.00,usd,\"gpt-4o-2024-08-06, input\"\n"));
        await IngestAsync(WriteFile("nov-usage.csv", Usage + "n-1,2026-11-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,500,0\n"));
        await With(s => s.GetRequiredService<ClosePeriod>().HandleAsync(October, "known", "test", CancellationToken.None));
        // Late October usage moves 2.50 of October's bill from acme-retail to globex-bank.
        await IngestAsync(WriteFile("late.csv", Usage + "o-3,2026-10-05T12:00:00Z,globex-bank,search,openai,gpt-4o,2000,0\n"));
        await With(s => s.GetRequiredService<ClosePeriod>().HandleAsync(November, "known", "test", CancellationToken.None));

        var finalised = (await FinaliseAsync(November)).Finalised.ToDictionary(f => f.Tenant);
        var files = (await With(s => s.GetRequiredService<RenderInvoices>().HandleAsync(November, "acme-retail", "finance", CancellationToken.None))).Files;

        Assert.Equal(-1.50m, finalised["acme-retail"].Total);
        Assert.Equal(2.50m, finalised["globex-bank"].Total);
        Assert.Equal(["INV-2026-00001", "INV-2026-00002"], finalised.Values.Select(f => f.Number).Order());
        using var pdf = PdfDocument.Open(files.Single().Pdf);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Corrections to earlier periods", text);
        Assert.Contains("-2.50", text);
        Assert.Contains("Total -1.50 USD", text);
    }

    [Fact]
    public async Task A_tenant_profile_file_with_any_bad_row_stores_nothing_and_names_each_problem_by_line_and_column()
    {
        await CloseOctoberAsync(2);
        var file = WriteFile("tenants.csv", "tenant,legal_name,address,country,tax_id,email,payment_terms_days,po_number\n" +
            "t-01,Tenant One GmbH,\"Hauptstraße 5\nBerlin\",de,DE1,ap@one.example,45,PO-1\n" +
            "t-02,,x,Germany,,not-an-email,400,\n" +
            "nobody,Ghost Ltd,,,,,,\n");
        IReadOnlyList<TenantProfileRow> rows;
        IReadOnlyList<ProfileProblem> structural;
        await using (var stream = File.OpenRead(file)) (rows, structural) = TenantProfileCsv.Read(stream);

        var problems = await With(s => s.GetRequiredService<ManageBillingProfiles>().ImportTenantsAsync(rows, "finance", CancellationToken.None));

        Assert.Empty(structural);
        Assert.Equal(
            ["line 4, column legal_name: legal_name is required", "line 4, column country: country 'GERMANY' is not an ISO 3166 two-letter code (e.g. DE, US)",
             "line 4, column email: email 'not-an-email' is not an e-mail address",
             "line 4, column payment_terms_days: payment_terms_days '400' is not a whole number of days from 0 to 365",
             "line 5, column tenant: tenant 'nobody' is not known (tenants appear with their first usage)"],
            problems.Select(p => p.ToString()));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from tenant_billing_profiles"));

        var good = await With(s => s.GetRequiredService<ManageBillingProfiles>().ImportTenantsAsync(rows.Take(1).ToList(), "finance", CancellationToken.None));
        Assert.Empty(good);
        Assert.Equal("Hauptstraße 5\nBerlin|DE|45", await Database.ScalarAsync<string>("select address || '|' || country || '|' || payment_terms_days from tenant_billing_profiles"));
    }

    [Fact]
    public async Task A_logo_must_be_a_readable_png_under_one_megabyte()
    {
        Task<IReadOnlyList<ProfileProblem>> Set(byte[] logo) => With(s => s.GetRequiredService<ManageBillingProfiles>().SetOrganisationAsync(
            new OrganisationProfileInput("Example Platform Ltd", null, null, null, null, logo, "Letter", "1234.56"), "finance", CancellationToken.None));

        var gif = await Set("GIF89a...."u8.ToArray());
        var huge = await Set(new byte[OrganisationBillingProfile.MaxLogoBytes + 1]);
        var png = await Set(TinyPng());

        Assert.Equal("logo: the logo is not a readable PNG image", gif.Single().ToString());
        Assert.Equal("logo: the logo is 1,048,577 bytes (at most 1 MB)", huge.Single().ToString());
        Assert.Empty(png);
        Assert.Equal("Letter|1234.56", await Database.ScalarAsync<string>("select paper || '|' || amount_format from organisation_billing"));
    }

    private sealed class FixedScope(AccessScope scope) : ICurrentScope
    {
        public ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(scope);
    }

    [Fact]
    public async Task A_tenants_invoices_credit_notes_pdfs_and_profiles_are_its_own_through_every_query()
    {
        await CloseOctoberAsync(3);
        var issued = (await FinaliseAsync(October)).Finalised.ToDictionary(f => f.Tenant, f => f.Number);
        var credit = await CreditAsync(issued[Tenant(2)], reissue: true);
        await With(s => s.GetRequiredService<ManageBillingProfiles>().ImportTenantsAsync(
            [new TenantProfileRow(2, Tenant(2), "Tenant Two AG", null, "CH", null, null, "14", null)], "finance", CancellationToken.None));
        var own = await Database.ScalarAsync<long>($"select id from tenants where slug = '{Tenant(1)}'");
        await using var viewer = TestDatabases.ServicesFor(Database.ConnectionString, configure: s => s.AddScoped<ICurrentScope>(_ => new FixedScope(AccessScope.OfTenants([own]))));
        await using var scope = viewer.CreateAsyncScope();
        var services = scope.ServiceProvider;

        var listed = await services.GetRequiredService<ListInvoices>().HandleAsync(October, null, issuedOnly: true, "viewer", CancellationToken.None);
        Assert.Equal([issued[Tenant(1)]], listed.Select(r => r.Number));
        Assert.Empty(await services.GetRequiredService<ListInvoices>().ForTenantAsync(Tenant(2), CancellationToken.None));
        var documents = services.GetRequiredService<RenderInvoices>();
        Assert.NotNull(await documents.IssuedAsync(issued[Tenant(1)], CancellationToken.None));
        Assert.Null(await documents.IssuedAsync(issued[Tenant(2)], CancellationToken.None));
        Assert.Null(await documents.IssuedAsync(credit.CreditNote!, CancellationToken.None));
        Assert.Null(await documents.DraftAsync(credit.ReissuedDraft!.Value, CancellationToken.None));
        Assert.Null(await services.GetRequiredService<GetTenantPortal>().HandleAsync(Tenant(2), October, null, CancellationToken.None));

        await using (var db = await services.GetRequiredService<IFinOpsDbContextFactory>().CreateAsync())
        {
            Assert.Equal([Tenant(1)], await db.Invoices.Select(i => i.Tenant).Distinct().ToListAsync());
            Assert.Empty(await db.CreditNotes.ToListAsync());
            Assert.Equal(1, await db.InvoiceDocuments.CountAsync());
            Assert.Equal(await Database.ScalarAsync<long>($"select count(*) from invoice_lines l join invoices i on i.id = l.invoice_id where i.tenant = '{Tenant(1)}'"),
                await db.InvoiceLines.LongCountAsync());
            Assert.Empty(await db.TenantBillingProfiles.ToListAsync());
        }

        // Finance sees the tenant's invoice with the credit note beside it, newest first, in the same portal.
        var portal = await With(s => s.GetRequiredService<GetTenantPortal>().HandleAsync(Tenant(2), October, October, CancellationToken.None));
        Assert.NotNull(portal);
        var credited = Assert.Single(portal.Invoices, i => i.CreditedBy is not null);
        Assert.Equal((issued[Tenant(2)], credit.CreditNote), (credited.Number, credited.CreditedBy));
        Assert.NotNull(credited.CreditedOn);
        Assert.Equal(portal.Statement!.Total, portal.Statement.Lines.Sum(l => l.Amount));
        Assert.All(portal.Statement.Lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Explanation)));
    }

    [Fact]
    public async Task Finalising_and_crediting_tell_every_enabled_endpoint_with_the_documents_number_total_and_pdf_digest()
    {
        await CloseOctoberAsync(2);
        var endpoint = await With(s => s.GetRequiredService<ManageWebhooks>().CreateAsync("https://hooks.example/finops", "finance", CancellationToken.None));
        var disabled = await With(s => s.GetRequiredService<ManageWebhooks>().CreateAsync("https://hooks.example/off", "finance", CancellationToken.None));
        await With(async s => { await s.GetRequiredService<ManageWebhooks>().SetEnabledAsync(disabled.Endpoint.Id, false, CancellationToken.None); return 0; });

        var invoice = (await FinaliseAsync(October, Tenant(1))).Finalised.Single();
        var credit = await CreditAsync(invoice.Number, reissue: false);

        var deliveries = await Database.RowsAsync("select endpoint_id, event, payload::text from webhook_deliveries order by id");
        Assert.Equal([(endpoint.Endpoint.Id, "invoice.finalised"), (endpoint.Endpoint.Id, "credit_note.issued")], deliveries.Select(d => ((long)d[0], (string)d[1])));
        using var finalised = System.Text.Json.JsonDocument.Parse((string)deliveries[0][2]);
        var sha = await Database.ScalarAsync<string>($"select d.sha256 from invoice_documents d join invoices i on i.id = d.invoice_id where i.number = '{invoice.Number}'");
        Assert.Equal("invoice.finalised", finalised.RootElement.GetProperty("event").GetString());
        Assert.Equal(invoice.Number, finalised.RootElement.GetProperty("number").GetString());
        Assert.Equal(Tenant(1), finalised.RootElement.GetProperty("tenant").GetString());
        Assert.Equal(invoice.Total, finalised.RootElement.GetProperty("total").GetDecimal());
        Assert.Equal(sha.Trim(), finalised.RootElement.GetProperty("pdf_sha256").GetString());
        Assert.Equal($"/api/invoices/{invoice.Number}.pdf", finalised.RootElement.GetProperty("pdf").GetString());
        using var note = System.Text.Json.JsonDocument.Parse((string)deliveries[1][2]);
        Assert.Equal((credit.CreditNote, invoice.Number, -invoice.Total, "wrong rule applied"),
            (note.RootElement.GetProperty("number").GetString(), note.RootElement.GetProperty("credits").GetString(), note.RootElement.GetProperty("total").GetDecimal(),
                note.RootElement.GetProperty("reason").GetString()));
    }

    private static byte[] TinyPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(4, 4);
        bitmap.Erase(SkiaSharp.SKColors.SteelBlue);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
