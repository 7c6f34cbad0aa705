using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Tests;

// Collects what the AppHost logs, so a test can read the console lines a person would see.
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentBag<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    public IReadOnlyCollection<string> Messages => _messages;

    public Task<string> WaitForAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((match, found));
        foreach (var message in _messages.Where(match))
        {
            found.TrySetResult(message);
        }

        return found.Task.WaitAsync(cancellationToken);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Add(string message)
    {
        _messages.Enqueue(message);
        foreach (var (match, found) in _waiters)
        {
            if (match(message))
            {
                found.TrySetResult(message);
            }
        }
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Add(formatter(state, exception));
    }
}
