namespace FinOps.Migrations.Sql;

/// <summary>
/// A finalised invoice, its lines, its PDF, a credit note and a payment record are facts: the database refuses to
/// change or remove them, whoever asks (triggers bind the owner and superusers too). Invoices are born drafts; a
/// draft may be finalised once, with its number. Counters only move forward, one at a time, so numbers have no gaps.
/// </summary>
internal static class InvoicesSql
{
    public const string Up = """
        create function invoices_guard() returns trigger language plpgsql as $$
        begin
            if tg_op = 'INSERT' then
                if new.status <> 'Draft' or new.number is not null then
                    raise exception 'an invoice is created as a draft without a number' using errcode = 'integrity_constraint_violation';
                end if;
                return new;
            end if;
            if old.status <> 'Draft' then
                raise exception 'invoice % is finalised: it never changes (correct it with a credit note)', old.number
                    using errcode = 'integrity_constraint_violation';
            end if;
            if tg_op = 'UPDATE' and new.status <> 'Draft' and (new.number is null or new.issued_on is null or new.due_on is null) then
                raise exception 'an invoice is finalised with its number and dates' using errcode = 'integrity_constraint_violation';
            end if;
            if tg_op = 'UPDATE' and (new.total <> old.total or new.tenant_id <> old.tenant_id or new.period <> old.period or new.currency <> old.currency) then
                raise exception 'a draft keeps the tenant, period and total it was made with' using errcode = 'integrity_constraint_violation';
            end if;
            return case when tg_op = 'DELETE' then old else new end;
        end $$;
        create trigger invoices_guard before insert or update or delete on invoices
            for each row execute function invoices_guard();

        create function invoice_lines_guard() returns trigger language plpgsql as $$
        declare
            parent_status text;
            parent_number text;
        begin
            select status, number into parent_status, parent_number from invoices
             where id = case when tg_op = 'INSERT' then new.invoice_id else old.invoice_id end;
            if parent_status = 'Finalised' then
                raise exception 'invoice % is finalised: its lines never change', parent_number using errcode = 'integrity_constraint_violation';
            end if;
            return case when tg_op = 'DELETE' then old else new end;
        end $$;
        create trigger invoice_lines_guard before insert or update or delete on invoice_lines
            for each row execute function invoice_lines_guard();

        create function refuse_invoice_fact_change() returns trigger language plpgsql as $$
        begin
            raise exception '% rows are final: they cannot be changed or removed', tg_table_name using errcode = 'integrity_constraint_violation';
        end $$;
        create trigger credit_notes_final before update or delete on credit_notes for each row execute function refuse_invoice_fact_change();
        create trigger invoice_documents_final before update or delete on invoice_documents for each row execute function refuse_invoice_fact_change();
        create trigger invoice_payments_final before update or delete on invoice_payments for each row execute function refuse_invoice_fact_change();
        create trigger document_counters_kept before delete on document_counters for each row execute function refuse_invoice_fact_change();

        create function invoice_documents_of_final() returns trigger language plpgsql as $$
        begin
            if new.invoice_id is not null and not exists (select 1 from invoices where id = new.invoice_id and status = 'Finalised') then
                raise exception 'only a finalised invoice has a stored PDF (drafts render on demand)' using errcode = 'integrity_constraint_violation';
            end if;
            return new;
        end $$;
        create trigger invoice_documents_of_final before insert on invoice_documents for each row execute function invoice_documents_of_final();

        create function credit_notes_of_final() returns trigger language plpgsql as $$
        begin
            if not exists (select 1 from invoices where id = new.invoice_id and status = 'Finalised') then
                raise exception 'only a finalised invoice can be credited' using errcode = 'integrity_constraint_violation';
            end if;
            return new;
        end $$;
        create trigger credit_notes_of_final before insert on credit_notes for each row execute function credit_notes_of_final();
        create trigger invoice_payments_of_final before insert on invoice_payments for each row execute function credit_notes_of_final();

        create function document_counters_step() returns trigger language plpgsql as $$
        begin
            if new.last <> old.last + 1 or new.series <> old.series or new.year <> old.year then
                raise exception 'document numbers move forward one at a time (% % is at %)', old.series, old.year, old.last
                    using errcode = 'integrity_constraint_violation';
            end if;
            return new;
        end $$;
        create trigger document_counters_step before update on document_counters for each row execute function document_counters_step();

        create trigger invoices_no_truncate before truncate on invoices for each statement execute function refuse_invoice_fact_change();
        create trigger invoice_lines_no_truncate before truncate on invoice_lines for each statement execute function refuse_invoice_fact_change();
        create trigger credit_notes_no_truncate before truncate on credit_notes for each statement execute function refuse_invoice_fact_change();
        create trigger invoice_documents_no_truncate before truncate on invoice_documents for each statement execute function refuse_invoice_fact_change();
        create trigger invoice_payments_no_truncate before truncate on invoice_payments for each statement execute function refuse_invoice_fact_change();
        create trigger document_counters_no_truncate before truncate on document_counters for each statement execute function refuse_invoice_fact_change();
        """;

    /// <summary>Down drops the tables after this; their triggers and functions go first so the drop is not refused.</summary>
    public const string DropTriggers = """
        drop trigger invoices_no_truncate on invoices; drop trigger invoice_lines_no_truncate on invoice_lines;
        drop trigger credit_notes_no_truncate on credit_notes; drop trigger invoice_documents_no_truncate on invoice_documents;
        drop trigger invoice_payments_no_truncate on invoice_payments; drop trigger document_counters_no_truncate on document_counters;
        drop function invoices_guard() cascade; drop function invoice_lines_guard() cascade; drop function refuse_invoice_fact_change() cascade;
        drop function invoice_documents_of_final() cascade; drop function credit_notes_of_final() cascade; drop function document_counters_step() cascade;
        """;
}
