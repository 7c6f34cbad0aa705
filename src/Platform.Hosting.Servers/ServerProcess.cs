using System.Diagnostics;

namespace Platform.Hosting.Servers;

/// <summary>
/// One running server process: its output kept in a small ring for error messages, a graceful stop by
/// signal, and a kill of the whole process tree.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int RecentLineCount = 200;

    private readonly Process _process;
    private readonly Queue<string> _recent = new();
    private readonly Action<string, bool>? _onLine;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, Action<string, bool>? onLine)
    {
        _process = process;
        _onLine = onLine;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _exited.Task.IsCompleted;

    public Task<int> Exited => _exited.Task;

    public static ServerProcess Start(ServerCommand command, string displayName, Action<string, bool>? onLine = null)
    {
        var psi = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in command.Arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            psi.Environment[name] = value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var server = new ServerProcess(process, onLine);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => server.OnExited();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {displayName} ('{command.FileName}'): {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public string GetRecentOutput()
    {
        lock (_recent)
        {
            return string.Join(Environment.NewLine, _recent);
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        var code = await _exited.Task.WaitAsync(cancellationToken);

        // Exited can fire before the last output lines are read; this waits for the streams to drain.
        await _process.WaitForExitAsync(cancellationToken);
        return code;
    }

    /// <summary>Sends <paramref name="signal"/>, waits up to <paramref name="timeout"/>, then kills the tree.</summary>
    public async Task StopAsync(int signal, TimeSpan timeout)
    {
        if (HasExited)
        {
            return;
        }

        Native.SendSignal(_process.Id, signal);
        try
        {
            await _exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }
    }

    public async Task KillAsync()
    {
        if (!HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }
        }

        await _exited.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_recent)
        {
            if (_recent.Count == RecentLineCount)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(line);
        }

        _onLine?.Invoke(line, isError);
    }

    private void OnExited()
    {
        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        _exited.TrySetResult(code);
    }
}
