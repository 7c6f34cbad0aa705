namespace Platform.Hosting.Servers;

/// <summary>
/// Starts a server process and waits until its readiness probe passes; stops it by signal or kills it.
/// Shared by <see cref="LocalPostgresServer"/> and <see cref="LocalRedisServer"/>.
/// </summary>
internal sealed class ManagedServer(
    string displayName,
    Func<ServerCommand> createCommand,
    Func<CancellationToken, Task<bool>> probe,
    int stopSignal,
    TimeSpan startTimeout,
    Action<string, bool>? onOutput,
    string pidName,
    string? deleteWhenReaped) : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private ServerProcess? _process;

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => _process is { HasExited: false } p ? p.ProcessId : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        await LocalServerPids.ReapLeftoversOnceAsync();
        var process = ServerProcess.Start(createCommand(), displayName, onOutput);
        _process = process;
        LocalServerPids.Track(pidName, process.ProcessId, deleteWhenReaped);
        _ = process.Exited.ContinueWith(static (_, name) => LocalServerPids.Untrack((string)name!), pidName, TaskScheduler.Default);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(startTimeout);
        try
        {
            while (!await probe(timeout.Token))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"{displayName} exited with code {process.Exited.Result} before it was ready. Its last output:{Environment.NewLine}{process.GetRecentOutput()}");
                }

                await Task.Delay(ProbeInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await process.KillAsync();
            throw new TimeoutException(
                $"{displayName} was not ready after {startTimeout.TotalSeconds:0} s. Its last output:{Environment.NewLine}{process.GetRecentOutput()}");
        }
        catch
        {
            await process.KillAsync();
            throw;
        }
    }

    public Task StopAsync() => _process?.StopAsync(stopSignal, StopTimeout) ?? Task.CompletedTask;

    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    public string GetRecentOutput() => _process?.GetRecentOutput() ?? "";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(stopSignal, StopTimeout);
            await _process.DisposeAsync();
        }
    }
}
