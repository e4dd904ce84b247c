using FinOps.Domain.Ingest;
using FinOps.Infrastructure.Ingest.Csv;
using FinOps.Infrastructure.Ingest.LiteLlm;
using FinOps.Testing;

namespace FinOps.Infrastructure.Tests.Ingest;

public class LiteLlmFormatTests
{
    private static List<ParsedRow<UsageRecord>> ReadSample(string? tenantFrom = null, string? featureFrom = null)
    {
        using var stream = File.OpenRead(TestFiles.LiteLlmSpendLogs);
        using var csv = CsvTable.Open(stream);
        Assert.True(LiteLlmSpendLogsFormat.Matches(csv.Headers));
        return LiteLlmSpendLogsFormat.Read(csv, "litellm", null, tenantFrom, featureFrom).ToList();
    }

    [Fact]
    public void Spend_logs_map_tenant_feature_provider_model_and_cached_tokens_by_default()
    {
        var rows = ReadSample();

        Assert.All(rows, r => Assert.Null(r.Problem));
        var r = rows.Select(x => x.Record!).ToList();
        Assert.Equal(["acme-retail", "globex-bank", "initech"], r.Select(x => x.Tenant));
        Assert.Equal(["support-chat", "doc-summarizer", "aembedding"], r.Select(x => x.Feature));
        Assert.Equal(["openai", "aws-bedrock", "azure-openai"], r.Select(x => x.Provider));
        Assert.Equal(["gpt-4o", "anthropic.claude-3-sonnet-20240229-v1:0", "gpt-4o-mini"], r.Select(x => x.Model));
        Assert.Equal((1000L, 400L, 100L), (r[0].InputTokens, r[0].CachedInputTokens, r[0].OutputTokens));
        Assert.Equal(DateTimeOffset.Parse("2026-10-05T09:00:01.123Z"), r[0].OccurredAt);
        Assert.Equal(1333, r[0].LatencyMs);
    }

    [Fact]
    public void The_mapping_is_configurable()
    {
        var rows = ReadSample(tenantFrom: "team_id", featureFrom: "request_tags.env,call_type");

        Assert.Equal(["team-acme", "globex-bank", "team-initech"], rows.Select(x => x.Record!.Tenant));
        Assert.Equal(["prod", "acompletion", "aembedding"], rows.Select(x => x.Record!.Feature));
    }

    [Fact]
    public void A_trace_id_or_session_in_metadata_names_the_execution_and_its_trace_name_the_workflow()
    {
        using var csv = CsvText.Open(Header + ",session_id\n"
            + "r1,2026-10-05 09:00:00,gpt-4o,10,1,openai,\"{\"\"tenant\"\":\"\"acme\"\",\"\"trace_id\"\":\"\"tr-1\"\",\"\"trace_name\"\":\"\"triage\"\"}\",[],acme,chat,\n"
            + "r2,2026-10-05 09:00:01,gpt-4o,10,1,openai,{},[],acme,chat,sess-9\n"
            + "r3,2026-10-05 09:00:02,gpt-4o,10,1,openai,{},[],acme,chat,\n");
        var rows = LiteLlmSpendLogsFormat.Read(csv, "litellm", null, null, null).Select(r => r.Record!).ToList();

        Assert.Equal([("tr-1", "triage"), ("sess-9", null), (null, null)], rows.Select(r => (r.TraceId, r.Workflow)));
    }

    private const string Header = "request_id,startTime,model,prompt_tokens,completion_tokens,custom_llm_provider,metadata,request_tags,team_id,call_type";

    [Theory]
    [InlineData("r1,2026-10-05 09:00:00,gpt-4o,10,1,openai,{not json},[],acme,chat", "metadata", "metadata is not valid JSON")]
    [InlineData("r1,2026-10-05 09:00:00,gpt-4o,10,1,openai,{},\"[\"\"a\"\"\",acme,chat", "request_tags", "request_tags is not a JSON array of strings")]
    [InlineData("r1,2026-10-05 09:00:00,gpt-4o,10,1,openai,{},[],,chat", "team_id", "no tenant in metadata.tenant, team_id (map it with --tenant-from)")]
    [InlineData("r1,2026-10-05 09:00:00,gpt-4o,ten,1,openai,{},[],acme,chat", "prompt_tokens", "'ten' is not a whole number of tokens")]
    [InlineData("r1,2026-10-05 09:00:00,gpt-4o,10,-1,openai,{},[],acme,chat", "completion_tokens", "-1 tokens is negative")]
    [InlineData("r1,last tuesday,gpt-4o,10,1,openai,{},[],acme,chat", "startTime", "'last tuesday' is not an ISO-8601 timestamp")]
    [InlineData("r1,2026-10-05 09:00:00,gpt-4o,10,1,openai,\"{\"\"usage_object\"\":{\"\"prompt_tokens_details\"\":{\"\"cached_tokens\"\":11}}}\",[],acme,chat", "metadata", "11 cached tokens exceed the 10 prompt tokens")]
    [InlineData(",2026-10-05 09:00:00,gpt-4o,10,1,openai,{},[],acme,chat", "request_id", "a request id is required")]
    public void Malformed_spend_logs_name_their_column_and_reason(string row, string column, string reason)
    {
        using var csv = CsvText.Open(Header + "\n" + row + "\n");
        var parsed = LiteLlmSpendLogsFormat.Read(csv, "litellm", null, null, null).Single();

        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }
}
