namespace Platform.Hosting.Dashboard.Integration.Tests.Support;

// Guards against hangs only; nothing asserts on elapsed time.
internal static class TestTimeout
{
    public static CancellationToken Token(int minutes = 3) => new CancellationTokenSource(TimeSpan.FromMinutes(minutes)).Token;
}
