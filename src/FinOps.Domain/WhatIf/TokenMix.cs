namespace FinOps.Domain.WhatIf;

/// <summary>A scope's real token mix as logged: uncached input, cached input and output, the batch tier apart.</summary>
public sealed record TokenMix(long UncachedInput, long CachedInput, long Output, long BatchUncachedInput = 0, long BatchCachedInput = 0, long BatchOutput = 0)
{
    public static TokenMix None { get; } = new(0, 0, 0);

    public long CachedTokens => CachedInput + BatchCachedInput;
    public long BatchTokens => BatchUncachedInput + BatchCachedInput + BatchOutput;
    public long Tokens => UncachedInput + CachedInput + Output + BatchTokens;

    public TokenMix Plus(TokenMix other) => new(UncachedInput + other.UncachedInput, CachedInput + other.CachedInput, Output + other.Output,
        BatchUncachedInput + other.BatchUncachedInput, BatchCachedInput + other.BatchCachedInput, BatchOutput + other.BatchOutput);
}
