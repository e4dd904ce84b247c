namespace FinOps.Domain.Billing;

/// <summary>
/// A vendor's own attribution on a bill line (SEMANTICS §4 step 0): an OpenAI project, an Anthropic workspace, a
/// Bedrock IAM principal or inference profile, an Azure deployment, a cost-allocation tag. Provider slug, kind and value.
/// </summary>
public sealed record AttributionKey(string Provider, string Kind, string Value)
{
    public override string ToString() => $"{Kind}={Value}";
}
