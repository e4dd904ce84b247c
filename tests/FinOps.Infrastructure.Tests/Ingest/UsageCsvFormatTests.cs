using FinOps.Infrastructure.Ingest.Usage;

namespace FinOps.Infrastructure.Tests.Ingest;

public class UsageCsvFormatTests
{
    private const string Header = "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,cached_input_tokens,latency_ms,status,deployment,gpu_seconds";

    private static List<FinOps.Domain.Ingest.ParsedRow<FinOps.Domain.Ingest.UsageRecord>> Parse(string body, TimeZoneInfo? zone = null)
    {
        using var csv = CsvText.Open(Header + "\n" + body);
        return UsageCsvFormat.Read(csv, "usage-csv", zone).ToList();
    }

    [Fact]
    public void A_good_row_is_normalised_to_utc_slugs_and_a_provider_slug()
    {
        var row = Parse("r-1,2026-10-01T12:00:00+02:00, Acme-Retail ,support-chat,OpenAI,gpt-4o,1000,200,300,350,ok,,").Single();

        Assert.Null(row.Problem);
        var r = row.Record!;
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T10:00:00Z"), r.OccurredAt);
        Assert.Equal(TimeSpan.Zero, r.OccurredAt.Offset);
        Assert.Equal(("acme-retail", "support-chat", "openai", "gpt-4o"), (r.Tenant, r.Feature, r.Provider, r.Model));
        Assert.Equal((1000L, 300L, 200L, 350), (r.InputTokens, r.CachedInputTokens, r.OutputTokens, r.LatencyMs));
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void Trace_id_and_workflow_are_columns_of_their_own_not_tags()
    {
        using var csv = CsvText.Open(Header + ",trace_id,workflow\nr-1,2026-10-01T12:00:00Z,acme,chat,openai,gpt-4o,10,1,0,,,,,run-7,triage\n");

        var r = UsageCsvFormat.Read(csv, "usage-csv", null).Single().Record!;

        Assert.Equal(("run-7", "triage", (string?)null), (r.TraceId, r.Workflow, r.Tags));
    }

    [Fact]
    public void Headers_match_in_any_order_and_case_and_extra_columns_become_tags()
    {
        using var csv = CsvText.Open("MODEL,Provider,Tenant,feature,Request_Id,occurred_at,OUTPUT_TOKENS,input_tokens,team,region\ngpt-4o,openai,acme,chat,r1,2026-10-01T00:00:00Z,5,10,payments,eu\n");
        Assert.True(UsageCsvFormat.Matches(csv.Headers));

        var row = UsageCsvFormat.Read(csv, "usage-csv", null).Single();

        Assert.Null(row.Problem);
        Assert.Equal("{\"team\":\"payments\",\"region\":\"eu\"}", row.Record!.Tags);
    }

    [Fact]
    public void A_timestamp_without_offset_is_read_in_the_named_zone()
    {
        var row = Parse("r-1,2026-10-01 12:00:00,acme,chat,openai,gpt-4o,1,1,,,,,", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Single();

        Assert.Equal(DateTimeOffset.Parse("2026-10-01T10:00:00Z"), row.Record!.OccurredAt);
    }

    [Theory]
    [InlineData(",2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,1,,,,,", "request_id", "a request id is required")]
    [InlineData("r,,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "a timestamp is required")]
    [InlineData("r,2026-10-01T00:00:00,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "'2026-10-01T00:00:00' has no UTC offset; write it like 2026-10-01T12:00:00Z or name the file's time zone (--time-zone)")]
    [InlineData("r,2026-10-01 00:00:00,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "'2026-10-01 00:00:00' has no UTC offset; write it like 2026-10-01T12:00:00Z or name the file's time zone (--time-zone)")]
    [InlineData("r,2026-13-01T00:00:00Z,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "'2026-13-01T00:00:00Z' is not an ISO-8601 timestamp")]
    [InlineData("r,yesterday,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "'yesterday' is not an ISO-8601 timestamp")]
    [InlineData("r,01/10/2026 10:00+00:00,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "'01/10/2026 10:00+00:00' is not an ISO-8601 timestamp")]
    [InlineData("r,2026-10-01T00:00:00Z,,chat,openai,gpt-4o,1,1,,,,,", "tenant", "a slug cannot be empty")]
    [InlineData("r,2026-10-01T00:00:00Z,acme retail,chat,openai,gpt-4o,1,1,,,,,", "tenant", "'acme retail' may hold only a-z, 0-9, '-', '_' and '.' (found ' ')")]
    [InlineData("r,2026-10-01T00:00:00Z,=cmd|' /C calc'!A0,chat,openai,gpt-4o,1,1,,,,,", "tenant", "'=cmd|' /c calc'!a0' may hold only a-z, 0-9, '-', '_' and '.' (found '=')")]
    [InlineData("r,2026-10-01T00:00:00Z,acme/eu,chat,openai,gpt-4o,1,1,,,,,", "tenant", "'acme/eu' may hold only a-z, 0-9, '-', '_' and '.' (found '/')")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,,openai,gpt-4o,1,1,,,,,", "feature", "a slug cannot be empty")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,@chat,openai,gpt-4o,1,1,,,,,", "feature", "'@chat' may hold only a-z, 0-9, '-', '_' and '.' (found '@')")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,,gpt-4o,1,1,,,,,", "provider", "a provider is required")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,,1,1,,,,,", "model", "a model is required")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,,1,,,,,", "input_tokens", "a token count is required")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,abc,1,,,,,", "input_tokens", "'abc' is not a whole number of tokens")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,-5,1,,,,,", "input_tokens", "-5 tokens is negative")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1.5,1,,,,,", "input_tokens", "'1.5' is not a whole number of tokens")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1e3,1,,,,,", "input_tokens", "'1e3' is not a whole number of tokens")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,\"1,000\",1,,,,,", "input_tokens", "'1,000' is not a whole number of tokens")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,99999999999999999999,1,,,,,", "input_tokens", "99999999999999999999 tokens is beyond the limit of 1,000,000,000")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,9223372036854775808,1,,,,,", "input_tokens", "9223372036854775808 tokens is beyond the limit of 1,000,000,000")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,79228162514264337593543950336,1,,,,,", "input_tokens", "79228162514264337593543950336 tokens is beyond the limit of 1,000,000,000")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,,,,,,", "output_tokens", "a token count is required")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,-1,,,,,", "output_tokens", "-1 tokens is negative")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,x,,,,,", "output_tokens", "'x' is not a whole number of tokens")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,11,,,,", "cached_input_tokens", "11 cached tokens exceed the 10 input tokens they are part of")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,-1,,,,", "cached_input_tokens", "-1 tokens is negative")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,some,,,,", "cached_input_tokens", "'some' is not a whole number of tokens")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,,fast,,,", "latency_ms", "'fast' is not a non-negative whole number of milliseconds")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,,-3,,,", "latency_ms", "'-3' is not a non-negative whole number of milliseconds")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,,,,,lots", "gpu_seconds", "'lots' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,,,,,-0.5", "gpu_seconds", "-0.5 GPU-seconds is negative")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,,,,,\"1,5\"", "gpu_seconds", "'1,5' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("r,2026-10-01T00:00:00Z,NULL,chat,openai,gpt-4o,1,1,,,,,", "tenant", "a slug cannot be empty")]
    [InlineData("r,2026-10-01T25:00:00Z,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "'2026-10-01T25:00:00Z' is not an ISO-8601 timestamp")]
    [InlineData("r,2026-10-01T00:00:00+25:00,acme,chat,openai,gpt-4o,1,1,,,,,", "occurred_at", "'2026-10-01T00:00:00+25:00' is not an ISO-8601 timestamp")]
    [InlineData("r,2026-10-01T00:00:00Z,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,chat,openai,gpt-4o,1,1,,,,,", "tenant", "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is longer than 64 characters")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff,openai,gpt-4o,1,1,,,,,", "feature", "'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff' is longer than 64 characters")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,1,,1.5,,,", "latency_ms", "'1.5' is not a non-negative whole number of milliseconds")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,1,,,,,-2", "gpu_seconds", "-2 GPU-seconds is negative")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,+-1,,,,,", "output_tokens", "'+-1' is not a whole number of tokens")]
    [InlineData("r,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o, ,1,,,,,", "input_tokens", "a token count is required")]
    public void Malformed_rows_name_their_column_and_reason(string row, string column, string reason)
    {
        var parsed = Parse(row).Single();

        Assert.Null(parsed.Record);
        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
        Assert.Equal(2, parsed.Problem.Line);
        Assert.Equal(row, parsed.RawText);
    }

    [Fact]
    public void A_timestamp_skipped_by_daylight_saving_is_refused_in_that_zone()
    {
        var row = Parse("r,2026-03-29 02:30:00,acme,chat,openai,gpt-4o,1,1,,,,,", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Single();

        Assert.Contains("does not exist in Europe/Berlin", row.Problem!.Reason);
    }

    [Fact]
    public void Line_numbers_count_the_header_so_messages_match_an_editor()
    {
        var rows = Parse("r1,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,1,1,,,,,\nr2,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,x,1,,,,,\n");

        Assert.Equal(3, rows[1].Problem!.Line);
    }
}
