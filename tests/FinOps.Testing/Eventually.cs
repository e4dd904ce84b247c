namespace FinOps.Testing;

/// <summary>
/// Waits for something another process brings about (a worker's job, a replica's replay): asks again every
/// <see cref="Pause"/> until the answer is the one awaited, and fails after the hang guard, naming what it waited for.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan hangGuard, string what)
    {
        using var guard = new CancellationTokenSource(hangGuard);
        while (true)
        {
            var answer = await ask();
            if (done(answer)) return answer;
            if (guard.IsCancellationRequested) throw new TimeoutException($"Gave up waiting for {what} after {hangGuard}; the last answer was {answer}.");
            await Task.Delay(Pause);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan hangGuard, string what) =>
        UntilAsync(condition, holds => holds, hangGuard, what);
}
