using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.Runtime;

namespace Platform.Actors.Reminders;

/// <summary>
/// Fires the reminders of this silo's range: loads them from <see cref="IReminderTable"/> at start, re-reads the range
/// every <see cref="ActorsOptions.ReminderRefreshPeriod"/>, and delivers each tick as a call to <see cref="IRemindable"/>,
/// which activates the grain if needed. Because the table is the source of truth, reminders survive restarts.
/// </summary>
internal sealed class ReminderService(
    IServiceProvider services,
    IOptions<ActorsOptions> options,
    IReminderRangeProvider range,
    ILogger<ReminderService> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ScheduledReminder> _scheduled = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ActorsOptions _options = options.Value;
    private Task? _refreshLoop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var table = services.GetService<IReminderTable>();
        if (table is null)
        {
            return;
        }

        await table.InitializeAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
        Log.RemindersLoaded(logger, _scheduled.Count);
        _refreshLoop = RefreshLoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var reminder in _scheduled.Values)
        {
            reminder.Cancel();
        }

        _scheduled.Clear();
        if (_refreshLoop is not null)
        {
            await _refreshLoop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        var table = RequireTable(grainId, reminderName);
        if (period < _options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period),
                $"Reminder '{reminderName}' of grain '{grainId}' has period {period}, below the minimum {_options.MinimumReminderPeriod}. Use a longer period, or lower ActorsOptions.MinimumReminderPeriod (Actors__MinimumReminderPeriod).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var entry = new ReminderEntry(grainId, reminderName, DateTimeOffset.UtcNow + dueTime, period);
        var eTag = await table.UpsertRowAsync(entry);
        if (range.Owns(grainId))
        {
            Schedule(entry with { ETag = eTag });
        }

        return new GrainReminder(grainId, reminderName, eTag);
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName)
    {
        var row = await RequireTable(grainId, reminderName).ReadRowAsync(grainId, reminderName);
        return row is null ? null : new GrainReminder(grainId, row.ReminderName, row.ETag ?? string.Empty);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId)
    {
        var rows = await RequireTable(grainId, "*").ReadRowsAsync(grainId);
        return [.. rows.Select(row => new GrainReminder(grainId, row.ReminderName, row.ETag ?? string.Empty))];
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder)
    {
        var table = RequireTable(grainId, reminder.ReminderName);

        // Unregistering means "stop it": if the row changed since the handle was taken, remove the current version.
        var eTag = (reminder as GrainReminder)?.ETag;
        if (eTag is null || !await table.RemoveRowAsync(grainId, reminder.ReminderName, eTag))
        {
            var current = await table.ReadRowAsync(grainId, reminder.ReminderName);
            if (current?.ETag is { } currentETag)
            {
                await table.RemoveRowAsync(grainId, reminder.ReminderName, currentETag);
            }
        }

        if (_scheduled.TryRemove((grainId, reminder.ReminderName), out var scheduled))
        {
            scheduled.Cancel();
        }
    }

    /// <summary>Re-reads this silo's range: schedules new and changed reminders and stops removed ones.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var table = services.GetService<IReminderTable>();
        if (table is null)
        {
            return;
        }

        var (begin, end) = range.Range;
        var rows = await table.ReadRowsAsync(begin, end, cancellationToken);
        var seen = new HashSet<(GrainId, string)>();
        foreach (var row in rows)
        {
            if (!range.Owns(row.GrainId))
            {
                continue; // In a cluster the range is the whole table, filtered by ownership.
            }

            seen.Add((row.GrainId, row.ReminderName));
            if (!_scheduled.TryGetValue((row.GrainId, row.ReminderName), out var existing) || existing.Entry.ETag != row.ETag)
            {
                Schedule(row);
            }
        }

        foreach (var key in _scheduled.Keys)
        {
            if (!seen.Contains(key) && _scheduled.TryRemove(key, out var removed))
            {
                removed.Cancel();
            }
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var scheduled = new ScheduledReminder(entry, services.GetRequiredService<IGrainFactory>(), logger, _stopping.Token);
        _scheduled.AddOrUpdate((entry.GrainId, entry.ReminderName), scheduled, (_, previous) =>
        {
            previous.Cancel();
            return scheduled;
        });
        scheduled.Start();
    }

    private IReminderTable RequireTable(GrainId grainId, string reminderName) =>
        services.GetService<IReminderTable>()
        ?? throw new InvalidOperationException(
            $"Grain '{grainId}' uses reminder '{reminderName}' but no reminder table is registered. Register one: services.AddInMemoryReminderTable() for tests, or services.AddPostgreSqlReminderTable(...).");

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.ReminderRefreshPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await RefreshAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.ReminderRefreshFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
