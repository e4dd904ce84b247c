namespace FinOps.Infrastructure.Demo;

/// <summary>The gateway whose log a request lands in: each writes its own format.</summary>
internal enum DemoLog { UsageCsv, OTel, LiteLlm }

/// <summary>
/// A model the demo company calls: the catalog name FinOps resolves it to, the name its gateway logs, the price per
/// 1M tokens it really pays (written to the manifest as price cards), and how much of its input is usually cached.
/// </summary>
internal sealed record DemoModel(
    string Provider, string Model, string LogName, decimal InputPrice, decimal CachedInputPrice, decimal OutputPrice,
    DemoLog Log, double CacheShare, string? Deployment = null)
{
    public bool SelfHosted => Deployment is not null;

    public decimal ListCost(long uncachedInput, long cachedInput, long output) =>
        (uncachedInput * InputPrice + cachedInput * CachedInputPrice + output * OutputPrice) / 1_000_000m;
}

/// <summary>One tenant's feature on one model: how much of the traffic it takes and its usual request size.</summary>
internal sealed record DemoWorkload(string Tenant, string Feature, DemoModel Model, double Weight, int MeanInput, int MeanOutput);

/// <summary>The demo company: twelve customers, forty features, four vendors and a self-hosted vLLM pool.</summary>
internal static class DemoCatalog
{
    public static readonly DemoModel Gpt4o = new("openai", "gpt-4o", "gpt-4o", 2.50m, 1.25m, 10.00m, DemoLog.UsageCsv, 0.30);
    public static readonly DemoModel Gpt4oMini = new("openai", "gpt-4o-mini", "gpt-4o-mini", 0.15m, 0.075m, 0.60m, DemoLog.UsageCsv, 0.20);
    public static readonly DemoModel ClaudeSonnet4 = new("anthropic", "claude-sonnet-4", "claude-sonnet-4-20250514", 3.00m, 0.30m, 15.00m, DemoLog.LiteLlm, 0.40);
    public static readonly DemoModel ClaudeHaiku = new("anthropic", "claude-3-5-haiku", "claude-3-5-haiku-20241022", 0.80m, 0.08m, 4.00m, DemoLog.LiteLlm, 0.25);
    public static readonly DemoModel BedrockSonnet = new("aws-bedrock", "claude-3-sonnet", "anthropic.claude-3-sonnet-20240229-v1:0", 3.00m, 0.30m, 15.00m, DemoLog.UsageCsv, 0.20);

    /// <summary>Logged under its own name; Bedrock bills it as <c>MistralLarge2407</c>, which no alias maps yet.</summary>
    public static readonly DemoModel BedrockMistral = new("aws-bedrock", "mistral-large-2407", "mistral-large-2407", 2.00m, 2.00m, 6.00m, DemoLog.UsageCsv, 0.0);

    public static readonly DemoModel AzureGpt4o = new("azure-openai", "gpt-4o", "gpt-4o", 2.50m, 1.25m, 10.00m, DemoLog.OTel, 0.30);
    public static readonly DemoModel VllmLlama = new("self-hosted", "llama-3.1-70b", "llama-3.1-70b", 0m, 0m, 0m, DemoLog.UsageCsv, 0.0, "vllm-a100-pool");

    public static readonly DemoModel[] Models = [Gpt4o, Gpt4oMini, ClaudeSonnet4, ClaudeHaiku, BedrockSonnet, BedrockMistral, AzureGpt4o, VllmLlama];

    public const string RunawayTenant = "cyberdyne";

    /// <summary>Two small tenants share one OpenAI project that finance has not mapped: their bill lines are split by their logs.</summary>
    public const string SharedOpenAiProject = "proj_shared";

    /// <summary>Umbrella Health's clinical notes run on a reserved Azure OpenAI deployment (PTUs), paid by the hour whatever it serves.</summary>
    public const string PtuDeployment = "ptu-eastus-01";

    /// <summary>The share of the PTU's declared capacity the demo uses.</summary>
    public const decimal PtuUtilisation = 0.6m;

    public static bool OnPtu(DemoWorkload workload) => workload is { Tenant: "umbrella-health", Feature: "clinical-notes" };

    /// <summary>Globex Bank's KYC extraction runs on a Bedrock provisioned model (model units bought by the hour), used to 75 %.</summary>
    public const string ProvisionedDeployment = "pt-kyc-claude3-sonnet";
    public const string ProvisionedModelArn = "arn:aws:bedrock:us-east-1:210987654321:provisioned-model/pt-kyc-claude3-sonnet";
    public const decimal ProvisionedUtilisation = 0.75m;

    public static bool OnProvisioned(DemoWorkload workload) => workload is { Tenant: "globex-bank", Feature: "kyc-extraction" };

    /// <summary>The reserved deployment a workload runs on, if any (its requests are paid by the hour, never by the token).</summary>
    public static string? ReservedDeployment(DemoWorkload workload) =>
        OnPtu(workload) ? PtuDeployment : OnProvisioned(workload) ? ProvisionedDeployment : null;

    /// <summary>Each team calls OpenAI through its own project (the bill names it), except the two that share one.</summary>
    public static string OpenAiProject(string tenant) => tenant is "wonka" or "soylent" ? SharedOpenAiProject : "proj_" + tenant.Replace('-', '_');
    public const string RunawayFeature = "agent-planner";
    public const string CreepingFeature = "doc-summarizer";

    public static readonly DemoWorkload[] Workloads =
    [
        new("acme-retail", "support-chat", Gpt4oMini, 9, 900, 220),
        new("acme-retail", "product-search", Gpt4oMini, 6, 600, 60),
        new("acme-retail", "doc-summarizer", ClaudeHaiku, 3, 3500, 400),
        new("acme-retail", "review-moderation", VllmLlama, 4, 500, 40),
        new("globex-bank", "support-chat", ClaudeSonnet4, 5, 1400, 300),
        new("globex-bank", "fraud-explainer", Gpt4o, 2, 2200, 350),
        new("globex-bank", "kyc-extraction", BedrockSonnet, 2.5, 2600, 500),
        new("globex-bank", "statement-qa", AzureGpt4o, 3, 1800, 260),
        new("initech", "code-review", ClaudeSonnet4, 3.5, 5200, 700),
        new("initech", "sql-copilot", Gpt4o, 2.5, 1500, 320),
        new("initech", "test-writer", ClaudeHaiku, 2, 2800, 900),
        new("umbrella-health", "clinical-notes", AzureGpt4o, 3, 3000, 600),
        new("umbrella-health", "doc-summarizer", BedrockSonnet, 2, 4200, 500),
        new("umbrella-health", "triage-chat", Gpt4oMini, 4, 800, 180),
        new("stark-industries", "design-assistant", Gpt4o, 2, 2400, 800),
        new("stark-industries", "contract-review", ClaudeSonnet4, 1.5, 9000, 900),
        new("stark-industries", "translation", BedrockMistral, 2.5, 1200, 1100),
        new("stark-industries", "sensor-report", VllmLlama, 3, 1600, 300),
        new("wayne-enterprises", "email-triage", Gpt4oMini, 5, 700, 90),
        new("wayne-enterprises", "meeting-notes", AzureGpt4o, 2, 6000, 700),
        new("wayne-enterprises", "legal-research", ClaudeSonnet4, 1, 12000, 1200),
        new("hooli", "search-rerank", VllmLlama, 6, 900, 20),
        new("hooli", "ad-copy", Gpt4o, 2, 500, 400),
        new("hooli", "support-chat", Gpt4oMini, 4, 850, 210),
        new("hooli", "doc-summarizer", ClaudeHaiku, 2, 3800, 420),
        new("pied-piper", "compression-advisor", ClaudeHaiku, 1.5, 1400, 500),
        new("pied-piper", "code-review", Gpt4o, 1.5, 4800, 650),
        new("pied-piper", "release-notes", BedrockMistral, 1, 2500, 800),
        new("soylent", "recipe-generator", Gpt4oMini, 3, 400, 600),
        new("soylent", "invoice-extraction", BedrockSonnet, 2, 2000, 300),
        new("soylent", "supplier-chat", AzureGpt4o, 1.5, 1100, 250),
        new("cyberdyne", "agent-planner", ClaudeSonnet4, 2.5, 6000, 900),
        new("cyberdyne", "log-analyzer", VllmLlama, 3, 3500, 200),
        new("cyberdyne", "incident-summary", Gpt4o, 1, 5000, 500),
        new("tyrell", "persona-chat", ClaudeHaiku, 3, 1000, 350),
        new("tyrell", "memory-recall", AzureGpt4o, 2, 2500, 150),
        new("tyrell", "image-captions", Gpt4oMini, 2, 1200, 80),
        new("wonka", "marketing-copy", Gpt4o, 1.5, 600, 500),
        new("wonka", "sentiment", BedrockMistral, 2.5, 500, 10),
        new("wonka", "faq-bot", Gpt4oMini, 3, 700, 160),
        new("acme-retail", "returns-assistant", ClaudeHaiku, 2, 900, 250),
        new("globex-bank", "churn-insights", Gpt4o, 0.8, 3000, 400),
        new("initech", "ticket-router", VllmLlama, 2, 400, 8),
        new("umbrella-health", "claims-coding", BedrockSonnet, 1.5, 2200, 120),
        new("hooli", "query-rewrite", Gpt4oMini, 3, 300, 40),
        new("pied-piper", "onboarding-chat", AzureGpt4o, 1, 900, 300),
        new("soylent", "demand-forecast-notes", ClaudeSonnet4, 0.7, 4000, 600),
        new("tyrell", "dialogue-safety", VllmLlama, 2, 600, 5),
        new("wonka", "shelf-planner", ClaudeHaiku, 0.8, 2000, 300),
        new("wayne-enterprises", "threat-intel", BedrockSonnet, 1, 5000, 700),
    ];

    /// <summary>The self-hosted pool's month: what the infra CSV charges for it.</summary>
    public const int PoolGpus = 8;
    public const decimal GpuHourPrice = 2.10m;
}
