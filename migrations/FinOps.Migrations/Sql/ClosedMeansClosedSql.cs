namespace FinOps.Migrations.Sql;

/// <summary>
/// A closed period refuses additions as well as changes, for every role — the owner and a superuser included, since
/// triggers bind them too: a close can be inserted once per period, and its lines only by the transaction that
/// inserted the close (its top-level transaction id, recorded by the trigger whatever the writer supplies).
/// </summary>
internal static class ClosedMeansClosedSql
{
    public const string Up = """
        -- Closes made before this migration get 0: no transaction has that id, so nothing can be added to them.
        alter table period_closes add column closing_transaction bigint not null default 0;

        create function period_closes_insert_once() returns trigger language plpgsql as $$
        begin
            if exists (select 1 from period_closes where period = new.period) then
                raise exception 'period % is closed already: a close cannot be added again', new.period
                    using errcode = 'integrity_constraint_violation';
            end if;
            new.closing_transaction := txid_current();
            return new;
        end $$;
        create trigger period_closes_insert_once before insert on period_closes
            for each row execute function period_closes_insert_once();

        create function closed_lines_only_by_their_close() returns trigger language plpgsql as $$
        begin
            if not exists (select 1 from period_closes c where c.period = new.period and c.closing_transaction = txid_current()) then
                raise exception 'period % is closed: its lines are added only by the close itself (late data becomes adjustments in the next open period)', new.period
                    using errcode = 'integrity_constraint_violation';
            end if;
            return new;
        end $$;
        create trigger closed_statement_lines_insert_by_close before insert on closed_statement_lines
            for each row execute function closed_lines_only_by_their_close();

        -- The app may run as a role that owns nothing: it still needs this month's partitions, so creating one runs
        -- with the rights of the function's owner (the schema owner), on a fixed search path.
        alter function ensure_token_usage_partition(date) security definer;
        alter function ensure_token_usage_partition(date) set search_path = public, pg_temp;
        """;

    public const string Down = """
        alter function ensure_token_usage_partition(date) reset search_path;
        alter function ensure_token_usage_partition(date) security invoker;
        drop trigger closed_statement_lines_insert_by_close on closed_statement_lines;
        drop function closed_lines_only_by_their_close();
        drop trigger period_closes_insert_once on period_closes;
        drop function period_closes_insert_once();
        alter table period_closes drop column closing_transaction;
        """;
}
