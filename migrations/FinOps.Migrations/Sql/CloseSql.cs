namespace FinOps.Migrations.Sql;

/// <summary>A closed period and its snapshot are facts: the database refuses to change or remove them, whoever asks.</summary>
internal static class CloseSql
{
    public const string Up = """
        create function refuse_closed_change() returns trigger language plpgsql as $$
        begin
            raise exception 'period % is closed: its snapshot cannot be changed or removed (late data becomes adjustments)',
                coalesce(old.period, '?') using errcode = 'integrity_constraint_violation';
        end $$;
        create trigger period_closes_immutable before update or delete on period_closes
            for each row execute function refuse_closed_change();
        create trigger closed_statement_lines_immutable before update or delete on closed_statement_lines
            for each row execute function refuse_closed_change();
        create trigger period_closes_no_truncate before truncate on period_closes
            for each statement execute function refuse_closed_change();
        create trigger closed_statement_lines_no_truncate before truncate on closed_statement_lines
            for each statement execute function refuse_closed_change();
        """;

    public const string Down = """
        drop trigger closed_statement_lines_no_truncate on closed_statement_lines;
        drop trigger period_closes_no_truncate on period_closes;
        drop trigger closed_statement_lines_immutable on closed_statement_lines;
        drop trigger period_closes_immutable on period_closes;
        drop function refuse_closed_change();
        """;
}
