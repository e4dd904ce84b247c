namespace FinOps.Migrations.Sql;

/// <summary>
/// Tag values counted per tenant and hour at ingest (usage_tag_hourly), so the vendor keys page never reads raw
/// requests: filled from the requests already stored; deleted requests are taken off by the delete trigger.
/// </summary>
internal static class UsageTagRollupSql
{
    private const string Counted = """
        select u.tenant_id, date_trunc('hour', u.occurred_at, 'UTC'), t.value, count(*)
        from {0} u cross join lateral jsonb_each_text(u.tags) t
        where u.tags is not null and jsonb_typeof(u.tags) = 'object' and t.value is not null and length(t.value) <= 200
        group by 1, 2, 3
        """;

    public static string Up => $"""
        insert into usage_tag_hourly (tenant_id, hour, value, requests)
        {string.Format(System.Globalization.CultureInfo.InvariantCulture, Counted, "token_usage")};

        {UsageTraceRollupSql.RemoveTrigger(withExecutions: true, withTags: true)}
        """;

    public static string Down => UsageTraceRollupSql.RemoveTrigger(withExecutions: true);

    internal static string Removed => $"""
            with gone as ({string.Format(System.Globalization.CultureInfo.InvariantCulture, Counted, "old_rows")})
            update usage_tag_hourly g set requests = g.requests - x.count
            from (select * from gone) x (tenant_id, hour, value, count)
            where g.tenant_id = x.tenant_id and g.hour = x.hour and g.value = x.value;
            delete from usage_tag_hourly where requests = 0;
        """;
}
