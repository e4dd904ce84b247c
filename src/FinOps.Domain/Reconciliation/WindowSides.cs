namespace FinOps.Domain.Reconciliation;

/// <summary>
/// What the bills say for one provider × model × window: tokens by the directions they state (pro-rated by
/// overlap), and cost. <see cref="StatesCached"/> tells whether the bill splits cached from uncached input.
/// </summary>
public sealed class BilledSide
{
    public decimal Input { get; private set; }
    public decimal CachedInput { get; private set; }
    public decimal Output { get; private set; }
    public decimal Mixed { get; private set; }
    public decimal Cost { get; private set; }
    public bool StatesInput { get; private set; }
    public bool StatesCached { get; private set; }
    public bool StatesOutput { get; private set; }
    public bool StatesMixed { get; private set; }

    /// <summary>The bill's own names of an unmapped model, for the explanation.</summary>
    public HashSet<string> UnmappedNames { get; } = [];

    public bool Any => StatesInput || StatesCached || StatesOutput || StatesMixed || Cost != 0;

    public decimal Tokens => Input + CachedInput + Output + Mixed;

    public void Add(Billing.TokenDirection direction, decimal? tokens, decimal cost)
    {
        Cost += cost;
        if (tokens is not { } quantity) return;
        switch (direction)
        {
            case Billing.TokenDirection.Input: Input += quantity; StatesInput = true; break;
            case Billing.TokenDirection.CachedInput: CachedInput += quantity; StatesCached = true; break;
            case Billing.TokenDirection.Output: Output += quantity; StatesOutput = true; break;
            case Billing.TokenDirection.Mixed: Mixed += quantity; StatesMixed = true; break;
        }
    }
}

/// <summary>What the token logs say for one provider × model × window, and what it costs at the price cards.</summary>
public sealed class LoggedSide
{
    public long UncachedInput { get; private set; }
    public long CachedInput { get; private set; }
    public long Output { get; private set; }
    public long Requests { get; private set; }
    public decimal ExpectedCost { get; private set; }

    /// <summary>Tokens of usage no price card covers: its cost is unknown, not zero.</summary>
    public long UnpricedTokens { get; private set; }

    /// <summary>Expected cost with cached input at the input price, and without any batch discount: the alternatives causes test.</summary>
    public decimal CostWithCachedAtInputPrice { get; private set; }
    public decimal CostWithoutBatchDiscount { get; private set; }
    public decimal BatchShareOfCost { get; private set; }

    public bool Any => UncachedInput + CachedInput + Output > 0 || Requests > 0;
    public long Tokens => UncachedInput + CachedInput + Output;
    public bool FullyPriced => UnpricedTokens == 0;

    public void Add(long uncached, long cached, long output, long requests, Pricing.Price? price, bool batch)
    {
        UncachedInput += uncached;
        CachedInput += cached;
        Output += output;
        Requests += requests;
        if (price is null)
        {
            UnpricedTokens += uncached + cached + output;
            return;
        }
        var cost = price.ListCost(uncached, cached, output, batch);
        ExpectedCost += cost;
        CostWithCachedAtInputPrice += (price with { CachedInputPerMTok = price.InputPerMTok }).ListCost(uncached, cached, output, batch);
        CostWithoutBatchDiscount += price.ListCost(uncached, cached, output);
        if (batch) BatchShareOfCost += cost;
    }
}
