namespace Bank.Tests.Infrastructure;

public static class Probe
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after 30 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException("Gave up waiting for " + what + ".");
            }

            await Task.Delay(50);
        }
    }
}
