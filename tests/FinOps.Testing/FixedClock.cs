namespace FinOps.Testing;

/// <summary>A clock that says what the test says.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
