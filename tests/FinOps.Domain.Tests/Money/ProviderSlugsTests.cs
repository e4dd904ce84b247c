using FinOps.Domain.Ingest;

namespace FinOps.Domain.Tests.Money;

public class ProviderSlugsTests
{
    [Theory]
    [InlineData("OpenAI", "openai", "openai")]
    [InlineData("aws.bedrock", "aws-bedrock", "aws")]
    [InlineData("Amazon Web Services", "aws-bedrock", "aws")]
    [InlineData("Microsoft", "azure-openai", "azure")]
    [InlineData("azure.ai.openai", "azure-openai", "azure")]
    [InlineData("gcp.vertex_ai", "gcp-vertex", "gcp")]
    [InlineData("Anthropic", "anthropic", "anthropic")]
    [InlineData("  Mistral AI ", "mistral-ai", "mistral-ai")]
    public void Every_spelling_of_a_provider_gets_one_slug(string name, string llm, string cloud)
    {
        Assert.Equal(llm, ProviderSlugs.ForLlm(name));
        Assert.Equal(cloud, ProviderSlugs.ForCloud(name));
    }
}
