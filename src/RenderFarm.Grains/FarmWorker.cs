using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>
/// The silo's render worker: a fixed number of slots, each of which pulls a frame from the scheduler when it is free,
/// so a faster silo takes more frames. Rendering runs on a dedicated thread, never on Orleans' scheduler or the thread
/// pool the silo's own messaging needs. While it renders, a slot renews its lease every third of the lease; a refused
/// renewal means the frame went elsewhere, and the slot stops rendering it.
/// </summary>
internal sealed partial class FarmWorker(
    IGrainFactory grains,
    FarmSilo silo,
    LamportClock clock,
    FarmMetrics metrics,
    FarmClock time,
    IOptions<FarmOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<FarmWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled)
        {
            return;
        }

        // Grain calls need the silo running: it is, once the host has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(started.SetResult))
        {
            await started.Task;
        }

        var slots = settings.Slots > 0 ? settings.Slots : Environment.ProcessorCount;
        LogStarted(logger, silo.Name, slots);
        await Task.WhenAll(Enumerable.Range(0, slots).Select(slot => SlotAsync(slot, stoppingToken)));
    }

    private async Task SlotAsync(int slot, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var worker = $"{silo.Name}#{slot}";
        var scheduler = grains.GetGrain<ISchedulerGrain>(0);
        var idle = settings.IdlePollMilliseconds;
        while (!stoppingToken.IsCancellationRequested)
        {
            FrameLease? lease;
            try
            {
                lease = await scheduler.LeaseAsync(worker, silo.Name, clock.Tick());
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                LogAskFailed(logger, worker, e);
                lease = null;
            }

            if (lease is null)
            {
                await Delay(idle, stoppingToken);
                idle = Math.Min(idle * 2, settings.MaxIdlePollMilliseconds);
                continue;
            }

            idle = settings.IdlePollMilliseconds;
            clock.Witness(lease.Lamport);
            await RenderAsync(slot, worker, lease, stoppingToken);
        }
    }

    private async Task RenderAsync(int slot, string worker, FrameLease lease, CancellationToken stoppingToken)
    {
        ActivityContext.TryParse(lease.TraceParent, null, out var job);
        using var span = FarmMetrics.Source.StartActivity("render frame", ActivityKind.Internal, job);
        span?.SetTag("farm.job", lease.JobId);
        span?.SetTag("farm.frame", lease.Frame);
        span?.SetTag("farm.token", lease.Token);
        span?.SetTag("farm.worker", worker);
        var coordinator = grains.GetGrain<IJobGrain>(lease.JobId);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var rendered = new CancellationTokenSource();
        var renewals = RenewAsync(coordinator, lease, lost, rendered.Token);
        var startedAt = Stopwatch.GetTimestamp();
        byte[] png;
        metrics.SlotBusy(1);
        try
        {
            png = await Task.Factory.StartNew(
                () =>
                {
                    // A dedicated thread: below the silo's own threads, so membership probes and grain turns still
                    // get the CPU on a busy machine (where the OS honours thread priorities).
                    Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
                    return FractalRenderer.Render(lease.Spec, lease.Frame, lost.Token);
                },
                lost.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException)
        {
            span?.SetStatus(ActivityStatusCode.Error, "lease lost");
            LogLeaseLost(logger, worker, lease.JobId, lease.Frame, lease.Token);
            return;
        }
        finally
        {
            metrics.SlotBusy(-1);
            await rendered.CancelAsync();
            await renewals;
        }

        var elapsed = Stopwatch.GetElapsedTime(startedAt);
        metrics.Rendered(silo.Name, slot, elapsed.TotalSeconds);
        var result = new FrameResult(
            lease.Frame, lease.Token, worker, silo.Name, FractalRenderer.HashOf(png), png, clock.Tick(), time.Now, elapsed.TotalMilliseconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await coordinator.CompleteAsync(result);
                clock.Witness(reply.Lamport);
                span?.SetTag("farm.outcome", reply.Outcome.ToString());
                if (reply.Outcome != ResultOutcome.Accepted)
                {
                    LogNotAccepted(logger, worker, lease.JobId, lease.Frame, lease.Token, reply.Outcome);
                }

                return;
            }
            catch (Exception e) when (attempt < 5 && !stoppingToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                // The coordinator's silo may have just died: it comes back elsewhere; the store's fence decides.
                LogCompleteFailed(logger, worker, lease.JobId, lease.Frame, e.GetType().Name, attempt);
                await Delay(500, stoppingToken);
            }
        }
    }

    private static async Task RenewAsync(IJobGrain coordinator, FrameLease lease, CancellationTokenSource lost, CancellationToken rendered)
    {
        var period = TimeSpan.FromSeconds(Math.Max(lease.LeaseSeconds / 3.0, 0.2));
        while (!rendered.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, rendered);
                if (!await coordinator.RenewAsync(lease.Frame, lease.Token))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // Unanswered: keep rendering; if the lease did run out, the fence refuses the result.
            }
        }
    }

    private static async Task Delay(int milliseconds, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(milliseconds, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 8301, Level = LogLevel.Information, Message = "Render worker of silo {Silo} started with {Slots} slots.")]
    private static partial void LogStarted(ILogger logger, string silo, int slots);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Debug, Message = "{Worker} could not ask the scheduler for a frame; trying again.")]
    private static partial void LogAskFailed(ILogger logger, string worker, Exception error);

    [LoggerMessage(EventId = 8303, Level = LogLevel.Information, Message = "{Worker} stopped rendering job {JobId} frame {Frame} (token {Token}): its lease was lost.")]
    private static partial void LogLeaseLost(ILogger logger, string worker, Guid jobId, int frame, long token);

    [LoggerMessage(EventId = 8304, Level = LogLevel.Information, Message = "{Worker}: job {JobId} frame {Frame} under token {Token} was not accepted: {Outcome}.")]
    private static partial void LogNotAccepted(ILogger logger, string worker, Guid jobId, int frame, long token, ResultOutcome outcome);

    [LoggerMessage(EventId = 8305, Level = LogLevel.Warning, Message = "{Worker} could not hand in job {JobId} frame {Frame} ({Error}, attempt {Attempt}); retrying.")]
    private static partial void LogCompleteFailed(ILogger logger, string worker, Guid jobId, int frame, string error, int attempt);
}
