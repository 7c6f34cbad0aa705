namespace Platform.Hosting.Tests;

// Guards against hangs only; nothing asserts on elapsed time.
internal static class TestTimeout
{
    public static CancellationToken Token(int minutes = 3) => new CancellationTokenSource(TimeSpan.FromMinutes(minutes)).Token;
}
