using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Dashboard.Hosting;

/// <summary>Forwards to the AppHost's logger factory, but keeps ASP.NET Core's own categories to warnings and above.</summary>
/// <remarks>
/// ASP.NET Core logs every request line at Information, and the login URL carries the browser token:
/// letting those through would write the secret to the AppHost's console.
/// </remarks>
internal sealed class FilteringLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) ? new MinimumLevelLogger(logger, LogLevel.Warning) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The dashboard does not add logger providers to the AppHost's factory.");

    // The factory belongs to the AppHost; the dashboard's hosts must not dispose it.
    public void Dispose()
    {
    }

    private sealed class MinimumLevelLogger(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
