namespace FinOps.Testing;

/// <summary>Real sample files kept in the repository under tests/data (with their attribution).</summary>
public static class TestFiles
{
    public static string FocusSample => RepositoryRoot.Combine("tests", "data", "focus", "focus_sample.csv");

    public static string AwsCurBedrock => RepositoryRoot.Combine("tests", "data", "vendors", "aws-cur-bedrock.csv");

    public static string AzureCostOpenAi => RepositoryRoot.Combine("tests", "data", "vendors", "azure-cost-openai.csv");

    public static string OpenAiCosts => RepositoryRoot.Combine("tests", "data", "vendors", "openai-costs.csv");

    public static string AnthropicCostReport => RepositoryRoot.Combine("tests", "data", "vendors", "anthropic-cost-report.json");
    public static string AnthropicUsageReport => RepositoryRoot.Combine("tests", "data", "vendors", "anthropic-usage-report.json");
    public static string OpenAiUsageCompletions => RepositoryRoot.Combine("tests", "data", "vendors", "openai-usage-completions.json");
    public static string OpenAiUsageApiExample => RepositoryRoot.Combine("tests", "data", "vendors", "openai-usage-api-example.json");

    public static string OpenAiCostsApiExample => RepositoryRoot.Combine("tests", "data", "vendors", "openai-costs-api-example.json");

    public static string OpenAiCostsApiPages => RepositoryRoot.Combine("tests", "data", "vendors", "openai-costs-api.jsonl");

    public static string LiteLlmSpendLogs => RepositoryRoot.Combine("tests", "data", "logs", "litellm-spendlogs.csv");

    public static string OTelOtlpJson => RepositoryRoot.Combine("tests", "data", "logs", "otel-genai-otlp.json");

    public static string OTelJsonLines => RepositoryRoot.Combine("tests", "data", "logs", "otel-genai-spans.jsonl");
}
