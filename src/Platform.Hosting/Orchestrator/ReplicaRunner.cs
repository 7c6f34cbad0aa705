using System.Diagnostics;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

// One replica's process: start, watch health, restart after a crash with capped exponential backoff, stop on
// purpose with a signal then SIGKILL. Every state change is published through the owning ResourceRuntime.
internal sealed class ReplicaRunner : IDisposable
{
    private static readonly string? Setsid = OsBinary.TryFind("setsid");

    private readonly ResourceRuntime _owner;
    private readonly IProcessDriver _driver;
    private readonly OrchestratorContext _context;
    private readonly Lock _lock = new();
    private Process? _process;
    private Task _loop = Task.CompletedTask;
    private CancellationTokenSource? _stop;
    private bool _stopRequested;

    public ReplicaRunner(ResourceRuntime owner, int index, IProcessDriver driver, OrchestratorContext context)
    {
        _owner = owner;
        _driver = driver;
        _context = context;
        Index = index;
        InstanceId = $"{owner.Resource.Name}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    public int Index { get; }

    public string InstanceId { get; }

    public string State { get; private set; } = KnownResourceStates.NotStarted;

    public string? StateDetail { get; private set; }

    public int? ProcessId { get; private set; }

    public int? ExitCode { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? HealthyAt { get; private set; }

    public int RestartCount { get; private set; }

    public ProcessLaunch? LastLaunch { get; private set; }

    public bool IsServing => State is KnownResourceStates.Running or KnownResourceStates.Healthy or KnownResourceStates.Unhealthy;

    public bool IsActive
    {
        get
        {
            lock (_lock)
            {
                return !_loop.IsCompleted;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stop?.Dispose();
            _stop = null;
        }
    }

    public void Start()
    {
        lock (_lock)
        {
            if (!_loop.IsCompleted)
            {
                return;
            }

            _stopRequested = false;
            _stop?.Dispose();
            _stop = new CancellationTokenSource();
            var token = _stop.Token;
            _loop = Task.Run(() => RunAsync(token));
        }
    }

    public async Task StopAsync()
    {
        Task loop;
        Process? process;
        lock (_lock)
        {
            _stopRequested = true;
            _stop?.Cancel();
            loop = _loop;
            process = _process;
        }

        if (process is not null && !loop.IsCompleted)
        {
            SetState(KnownResourceStates.Stopping, null);
            Native.SendSignal(process.Id, _driver.StopSignal);
            if (await Task.WhenAny(loop, Task.Delay(_context.Options.StopTimeout)) != loop)
            {
                Log.StopTimedOut(_context.Logger, _owner.Resource.Name, Index, _context.Options.StopTimeout.TotalSeconds);
                Native.SendSignal(process.Id, Native.SigKill);
            }
        }

        await loop;
    }

    /// <summary>Fault injection: SIGKILL, as a crash; the restart policy brings the replica back.</summary>
    public async Task KillAsync()
    {
        Process? process;
        lock (_lock)
        {
            process = _process;
        }

        if (process is null)
        {
            return;
        }

        var pid = process.Id;
        Native.SendSignal(pid, Native.SigKill);
        await _owner.WaitForReplicaAsync(Index, r => r.ProcessId != pid);
    }

    /// <summary>Last resort when the AppHost itself exits: no graceful stop, no waiting.</summary>
    public void KillNow()
    {
        lock (_lock)
        {
            _stopRequested = true;
            if (_process is { } process)
            {
                Native.SendSignal(process.Id, Native.SigKill);
            }
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = _context.Options.InitialRestartDelay;
        while (!stop.IsCancellationRequested)
        {
            SetState(KnownResourceStates.Starting, null);
            Process process;
            try
            {
                var launch = await _driver.CreateLaunchAsync(Index, stop);
                LastLaunch = launch;
                process = Launch(launch);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                SetState(KnownResourceStates.Failed, ex.Message);
                Log.ResourceFailed(_context.Logger, _owner.DisplayName(Index), ex.Message);
                return;
            }

            var startedAt = DateTimeOffset.UtcNow;
            using (var health = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                var monitor = MonitorHealthAsync(health.Token);
                await process.WaitForExitAsync(CancellationToken.None);
                await health.CancelAsync();
                await monitor;
            }

            var exitCode = process.ExitCode;
            lock (_lock)
            {
                _process = null;
                _owner.PidFiles.Delete(_owner.Resource.Name, Index);
                ExitCode = exitCode;
                ProcessId = null;
            }

            process.Dispose();
            if (_stopRequested)
            {
                break;
            }

            SetState(KnownResourceStates.Exited, FormattableString.Invariant($"exit code {exitCode}"));
            if (exitCode == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow - startedAt > _context.Options.MaxRestartDelay)
            {
                delay = _context.Options.InitialRestartDelay;
            }

            Log.Restarting(_context.Logger, _owner.DisplayName(Index), exitCode, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _context.Options.MaxRestartDelay.Ticks));
            lock (_lock)
            {
                RestartCount++;
            }
        }

        SetState(KnownResourceStates.Stopped, null);
    }

    private Process Launch(ProcessLaunch launch)
    {
        // setsid puts the child in a session of its own (it execs, so the pid stays the child's): Ctrl+C in the
        // terminal then reaches only the AppHost, which stops the children in reverse dependency order.
        var psi = new ProcessStartInfo(Setsid ?? launch.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = launch.WorkingDirectory,
        };
        if (Setsid is not null)
        {
            psi.ArgumentList.Add(launch.FileName);
        }

        foreach (var argument in launch.Arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.Environment)
        {
            psi.Environment[name] = value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, isError: true);
        lock (_lock)
        {
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            _owner.PidFiles.Write(_owner.Resource.Name, Index, process.Id);
            ProcessId = process.Id;
            StartedAt = DateTimeOffset.UtcNow;
            if (_stopRequested)
            {
                // A stop arrived while launching: honour it now.
                Native.SendSignal(process.Id, _driver.StopSignal);
            }
        }

        SetState(KnownResourceStates.Running, null);
        return process;
    }

    private void OnOutput(string? line, bool isError)
    {
        if (line is not null)
        {
            _owner.WriteLog(Index, line, isError);
        }
    }

    private async Task MonitorHealthAsync(CancellationToken cancellationToken)
    {
        if (!_driver.HasHealthCheck)
        {
            MarkHealthy();
            return;
        }

        bool? healthy = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                bool ok;
                try
                {
                    ok = await _driver.ProbeAsync(Index, cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    ok = false;
                }

                if (ok && healthy != true)
                {
                    MarkHealthy();
                }
                else if (!ok && healthy == true)
                {
                    SetState(KnownResourceStates.Unhealthy, null);
                }

                healthy = ok;
                await Task.Delay(ok ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void MarkHealthy()
    {
        lock (_lock)
        {
            if (_process is null)
            {
                return;
            }

            HealthyAt = DateTimeOffset.UtcNow;
        }

        SetState(KnownResourceStates.Healthy, null);
    }

    private void SetState(string state, string? detail)
    {
        if (_stopRequested && state is KnownResourceStates.Running or KnownResourceStates.Healthy or KnownResourceStates.Unhealthy)
        {
            // A late health verdict must not hide that the replica is being stopped.
            return;
        }

        _owner.Update(() =>
        {
            State = state;
            StateDetail = detail;
        });
    }
}
