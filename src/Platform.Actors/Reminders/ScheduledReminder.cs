using Microsoft.Extensions.Logging;
using Platform.Actors.Runtime;

namespace Platform.Actors.Reminders;

/// <summary>One reminder's local schedule: waits for each due time and delivers the tick to the grain.</summary>
internal sealed class ScheduledReminder(ReminderEntry entry, IGrainFactory grainFactory, ILogger logger, CancellationToken stopping)
{
    private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    public ReminderEntry Entry { get; } = entry;

    public void Start() => _ = Task.Run(() => RunAsync(_cts.Token), CancellationToken.None);

    public void Cancel() => _cts.Cancel();

    /// <summary>The first tick at or after <paramref name="notBefore"/>; ticks missed while no silo ran are skipped.</summary>
    internal static DateTimeOffset NextTick(ReminderEntry entry, DateTimeOffset notBefore)
    {
        if (entry.StartAt >= notBefore)
        {
            return entry.StartAt;
        }

        var periods = (long)Math.Ceiling((notBefore - entry.StartAt).Ticks / (double)entry.Period.Ticks);
        return entry.StartAt + TimeSpan.FromTicks(entry.Period.Ticks * periods);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var grain = grainFactory.GetGrain<IRemindable>(Entry.GrainId);
        var notBefore = DateTimeOffset.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = NextTick(Entry, notBefore);
                var delay = due - DateTimeOffset.UtcNow;
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                try
                {
                    await grain.ReceiveReminder(Entry.ReminderName, new TickStatus(Entry.StartAt, Entry.Period, due));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.ReminderFailed(logger, Entry.GrainId, Entry.ReminderName, ex);
                }

                notBefore = due + TimeSpan.FromTicks(1);
            }
        }
        catch (OperationCanceledException)
        {
            // Unregistered, replaced or stopping.
        }
    }
}
