namespace FinOps.Migrations.Sql;

/// <summary>
/// Staleness of cost series (SEMANTICS §8: any change to an input makes the periods it touches stale), kept by the
/// database itself: statement-level triggers on every input mark the periods and first day a change touches, so no
/// writer — an ingest, a price card, a rule, an alias, a merge, a hand-run SQL fix — can forget to. Data for a closed
/// period marks the first open period after it from its first day (its adjustments live there).
/// </summary>
internal static class CostStalenessSql
{
    public const string Up = """
        create function mark_costs_stale(from_ts timestamptz, to_ts timestamptz) returns void language plpgsql as $$
        declare
            zone text;
            last_closed date;
            first_month date;
            last_month date;
            m date;
            target date;
            stale_day date;
            months int := 0;
        begin
            if from_ts is null or to_ts is null then return; end if;
            select reporting_time_zone into zone from organisation_settings limit 1;
            zone := coalesce(zone, 'UTC');
            select max(to_date(period, 'YYYY-MM')) into last_closed from period_closes;
            if from_ts = '-infinity' or to_ts = 'infinity' then
                -- A change without an end (a price card, a rule, an alias, a setting): every computed open period from its start.
                update cost_series_state s
                   set stale_from = least(coalesce(s.stale_from, 'infinity'::date),
                                          greatest(to_date(s.period, 'YYYY-MM'),
                                                   case when from_ts = '-infinity' then to_date(s.period, 'YYYY-MM') else (from_ts at time zone zone)::date end)),
                       version = s.version + 1
                 where not s.frozen
                   and (from_ts = '-infinity' or (to_date(s.period, 'YYYY-MM') + interval '1 month')::date > (from_ts at time zone zone)::date
                        or to_date(s.period, 'YYYY-MM') = (last_closed + interval '1 month')::date);
                return;
            end if;
            first_month := date_trunc('month', from_ts at time zone zone)::date;
            last_month := date_trunc('month', (case when to_ts > from_ts then to_ts - interval '1 microsecond' else to_ts end) at time zone zone)::date;
            m := first_month;
            while m <= last_month and months < 120 loop
                if last_closed is not null and m <= last_closed then
                    target := (last_closed + interval '1 month')::date;
                    stale_day := target;
                else
                    target := m;
                    stale_day := greatest(m, (from_ts at time zone zone)::date);
                end if;
                insert into cost_series_state as s (period, stale_from, version, frozen)
                values (to_char(target, 'YYYY-MM'), stale_day, 1, false)
                on conflict (period) do update
                    set stale_from = least(coalesce(s.stale_from, excluded.stale_from), excluded.stale_from), version = s.version + 1
                    where not s.frozen;
                m := (m + interval '1 month')::date;
                months := months + 1;
            end loop;
        end $$;

        -- Usage: the hours a statement added, changed or removed (the rollup follows raw usage, merges rewrite it).
        create function usage_hourly_costs_stale() returns trigger language plpgsql as $$
        begin
            if tg_op in ('INSERT', 'UPDATE') then
                perform mark_costs_stale(min(hour), max(hour) + interval '1 hour') from changed_new;
            end if;
            if tg_op in ('DELETE', 'UPDATE') then
                perform mark_costs_stale(min(hour), max(hour) + interval '1 hour') from changed_old;
            end if;
            return null;
        end $$;
        create trigger usage_hourly_stale_insert after insert on usage_hourly
            referencing new table as changed_new for each statement execute function usage_hourly_costs_stale();
        create trigger usage_hourly_stale_update after update on usage_hourly
            referencing new table as changed_new old table as changed_old for each statement execute function usage_hourly_costs_stale();
        create trigger usage_hourly_stale_delete after delete on usage_hourly
            referencing old table as changed_old for each statement execute function usage_hourly_costs_stale();

        -- Bills: their charge periods, a day either side for providers' billing-day offsets.
        create function billing_lines_costs_stale() returns trigger language plpgsql as $$
        begin
            if tg_op in ('INSERT', 'UPDATE') then
                perform mark_costs_stale(min(charge_period_start) - interval '1 day', max(charge_period_end) + interval '1 day') from changed_new;
            end if;
            if tg_op in ('DELETE', 'UPDATE') then
                perform mark_costs_stale(min(charge_period_start) - interval '1 day', max(charge_period_end) + interval '1 day') from changed_old;
            end if;
            return null;
        end $$;
        create trigger billing_lines_stale_insert after insert on billing_lines
            referencing new table as changed_new for each statement execute function billing_lines_costs_stale();
        create trigger billing_lines_stale_update after update on billing_lines
            referencing new table as changed_new old table as changed_old for each statement execute function billing_lines_costs_stale();
        create trigger billing_lines_stale_delete after delete on billing_lines
            referencing old table as changed_old for each statement execute function billing_lines_costs_stale();

        -- Infra costs: their spans (a three-year hardware row touches every period of its life).
        create function infra_costs_costs_stale() returns trigger language plpgsql as $$
        begin
            if tg_op in ('INSERT', 'UPDATE') then
                perform mark_costs_stale(min(period_start), max(period_end)) from changed_new;
            end if;
            if tg_op in ('DELETE', 'UPDATE') then
                perform mark_costs_stale(min(period_start), max(period_end)) from changed_old;
            end if;
            return null;
        end $$;
        create trigger infra_costs_stale_insert after insert on infra_costs
            referencing new table as changed_new for each statement execute function infra_costs_costs_stale();
        create trigger infra_costs_stale_update after update on infra_costs
            referencing new table as changed_new old table as changed_old for each statement execute function infra_costs_costs_stale();
        create trigger infra_costs_stale_delete after delete on infra_costs
            referencing old table as changed_old for each statement execute function infra_costs_costs_stale();

        -- Price cards: everything priced from the earliest card changed on.
        create function price_cards_costs_stale() returns trigger language plpgsql as $$
        begin
            if tg_op in ('INSERT', 'UPDATE') then
                perform mark_costs_stale(min(effective_from), 'infinity') from changed_new;
            end if;
            if tg_op in ('DELETE', 'UPDATE') then
                perform mark_costs_stale(min(effective_from), 'infinity') from changed_old;
            end if;
            return null;
        end $$;
        create trigger price_cards_stale_insert after insert on price_cards
            referencing new table as changed_new for each statement execute function price_cards_costs_stale();
        create trigger price_cards_stale_update after update on price_cards
            referencing new table as changed_new old table as changed_old for each statement execute function price_cards_costs_stale();
        create trigger price_cards_stale_delete after delete on price_cards
            referencing old table as changed_old for each statement execute function price_cards_costs_stale();

        -- Whatever has no date of its own changes every open period: rules (versions apply to whole periods and
        -- the default rules depend on the pools), names, aliases, providers' offsets, attribution keys, settings.
        create function costs_stale_everywhere() returns trigger language plpgsql as $$
        begin
            perform mark_costs_stale('-infinity', 'infinity');
            return null;
        end $$;
        create trigger allocation_rules_stale after insert or update or delete on allocation_rules
            for each statement execute function costs_stale_everywhere();
        create trigger model_aliases_stale after insert or update or delete on model_aliases
            for each statement execute function costs_stale_everywhere();
        create trigger models_stale after update or delete on models
            for each statement execute function costs_stale_everywhere();
        create trigger providers_stale after update on providers
            for each statement execute function costs_stale_everywhere();
        create trigger vendor_attribution_keys_stale after insert or update or delete on vendor_attribution_keys
            for each statement execute function costs_stale_everywhere();
        create trigger organisation_settings_stale after update on organisation_settings
            for each statement execute function costs_stale_everywhere();
        create trigger tenant_merges_stale after insert or update or delete on tenant_merges
            for each statement execute function costs_stale_everywhere();
        create trigger feature_merges_stale after insert or update or delete on feature_merges
            for each statement execute function costs_stale_everywhere();
        """;

    public const string Down = """
        drop trigger feature_merges_stale on feature_merges;
        drop trigger tenant_merges_stale on tenant_merges;
        drop trigger organisation_settings_stale on organisation_settings;
        drop trigger vendor_attribution_keys_stale on vendor_attribution_keys;
        drop trigger providers_stale on providers;
        drop trigger models_stale on models;
        drop trigger model_aliases_stale on model_aliases;
        drop trigger allocation_rules_stale on allocation_rules;
        drop function costs_stale_everywhere();
        drop trigger price_cards_stale_delete on price_cards;
        drop trigger price_cards_stale_update on price_cards;
        drop trigger price_cards_stale_insert on price_cards;
        drop function price_cards_costs_stale();
        drop trigger infra_costs_stale_delete on infra_costs;
        drop trigger infra_costs_stale_update on infra_costs;
        drop trigger infra_costs_stale_insert on infra_costs;
        drop function infra_costs_costs_stale();
        drop trigger billing_lines_stale_delete on billing_lines;
        drop trigger billing_lines_stale_update on billing_lines;
        drop trigger billing_lines_stale_insert on billing_lines;
        drop function billing_lines_costs_stale();
        drop trigger usage_hourly_stale_delete on usage_hourly;
        drop trigger usage_hourly_stale_update on usage_hourly;
        drop trigger usage_hourly_stale_insert on usage_hourly;
        drop function usage_hourly_costs_stale();
        drop function mark_costs_stale(timestamptz, timestamptz);
        """;

    /// <summary>Notifications become alerts: every row kept with its id, its reads kept, the identity continuing after them.</summary>
    public const string CopyNotifications = """
        insert into alerts (id, key, kind, title, body, link, created_at, group_key, group_title, crossed_on, status)
            overriding system value
            select id, key, kind, title, body, link, created_at, group_key, group_title, occurred_on, 'Open' from notifications;
        insert into alert_reads (alert_id, user_id, read_at) select notification_id, user_id, read_at from notification_reads;
        select setval(pg_get_serial_sequence('alerts', 'id'), greatest((select max(id) from alerts), 1));
        """;
}
