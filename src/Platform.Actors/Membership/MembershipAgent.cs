using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.Actors.Networking;

namespace Platform.Actors.Membership;

/// <summary>
/// One silo's part in membership, as in Orleans: joins the table (Joining, then Active), pings every other silo each
/// <see cref="MembershipOptions.ProbePeriod"/>, votes a silo dead after <see cref="MembershipOptions.MissedProbesLimit"/>
/// missed probes and declares it dead by compare-and-swap once enough distinct votes agree, writes its heartbeat, re-reads
/// the table, cleans defunct rows, and reports when the table says this silo is dead (it must then stop).
/// </summary>
internal sealed partial class MembershipAgent(
    IMembershipTable table,
    MembershipView view,
    ConnectionPool pool,
    MembershipOptions options,
    Action onDeclaredDead,
    Action onTableChanged,
    ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, int> _missed = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private Task? _loop;
    private long _lastIAmAlive;
    private long _lastRefresh;
    private long _lastCleanup;
    private volatile bool _declaredDead;

    public SiloAddress? Self { get; private set; }

    public bool DeclaredDead => _declaredDead;

    /// <summary>Inserts this silo's row as Joining, then marks it Active, and starts probing.</summary>
    public async Task JoinAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        Self = entry.SiloAddress;
        await table.InitializeAsync(cancellationToken);
        await ChangeAsync(
            data => data.Rows.Any(r => r.Entry.SiloAddress == entry.SiloAddress) ? null : (entry with { Status = SiloStatus.Joining }, null),
            "insert its Joining row",
            cancellationToken);
        await SetOwnStatusAsync(SiloStatus.Active, cancellationToken);
        Log.Joined(logger, entry.SiloAddress);
        _lastIAmAlive = _lastCleanup = Environment.TickCount64;
        _loop = LoopAsync(_stopping.Token);
    }

    /// <summary>Writes this silo's status (e.g. ShuttingDown, then Dead at a graceful stop).</summary>
    public Task SetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken) =>
        ChangeAsync(
            data => data.Rows.FirstOrDefault(r => r.Entry.SiloAddress == Self) is { } row && row.Entry.Status != SiloStatus.Dead
                ? (row.Entry with { Status = status, IAmAliveTime = DateTimeOffset.UtcNow }, row.ETag)
                : null,
            $"mark itself {status}",
            cancellationToken);

    /// <summary>Stops probing and heartbeats; writes nothing (a kill, or before the graceful status changes).</summary>
    public async Task StopLoopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _refreshGate.Dispose();
    }

    /// <summary>Re-reads the table and installs the new view; reports a death of this silo.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var data = await table.ReadAllAsync(cancellationToken);
            _lastRefresh = Environment.TickCount64;
            var snapshot = MembershipSnapshot.From(data);
            view.Update(snapshot);
            if (Self is { } self && snapshot.IsDead(self) && !_declaredDead)
            {
                _declaredDead = true;
                Log.DeclaredDead(logger, self);
                onDeclaredDead();
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ProbePeriod);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(cancellationToken);
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RoundFailed(logger, ex);
            }
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (now - _lastRefresh >= options.TableRefreshPeriod.TotalMilliseconds)
        {
            await RefreshAsync(cancellationToken);
        }

        if (_declaredDead)
        {
            return;
        }

        var snapshot = view.Current;
        var targets = snapshot.Statuses
            .Where(p => p.Key != Self && p.Value is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown)
            .Select(static p => p.Key)
            .ToArray();
        foreach (var gone in _missed.Keys.Except(targets))
        {
            _missed.TryRemove(gone, out _);
        }

        var results = await Task.WhenAll(targets.Select(t => pool.PingAsync(t.Endpoint, options.ProbeTimeout)));
        for (var i = 0; i < targets.Length; i++)
        {
            if (results[i])
            {
                _missed[targets[i]] = 0;
                continue;
            }

            var missed = _missed.AddOrUpdate(targets[i], 1, static (_, n) => n + 1);
            Log.ProbeMissed(logger, targets[i], missed);
            if (missed >= options.MissedProbesLimit)
            {
                await SuspectAsync(targets[i], cancellationToken);
            }
        }

        if (now - _lastIAmAlive >= options.IAmAlivePeriod.TotalMilliseconds && Self is { } self)
        {
            await table.UpdateIAmAliveAsync(self, DateTimeOffset.UtcNow, cancellationToken);
            _lastIAmAlive = now;
        }

        if (now - _lastCleanup >= options.DefunctSiloCleanupPeriod.TotalMilliseconds)
        {
            await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow - options.DefunctSiloExpiration, cancellationToken);
            _lastCleanup = now;
        }
    }

    // Adds this silo's vote; declares the target dead when enough distinct, fresh votes agree (all active silos' votes
    // suffice when fewer remain than VotesForDeath).
    private async Task SuspectAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        var declared = false;
        await ChangeAsync(
            data =>
            {
                if (data.Rows.FirstOrDefault(r => r.Entry.SiloAddress == target) is not { } row || row.Entry.Status == SiloStatus.Dead)
                {
                    return null;
                }

                var now = DateTimeOffset.UtcNow;
                List<SuspectVote> votes = [.. row.Entry.SuspectTimes.Where(v => now - v.At < options.DeathVoteExpiration && v.Suspecter != Self), new SuspectVote(Self!, now)];
                var voters = data.Rows.Count(r => r.Entry.Status == SiloStatus.Active && r.Entry.SiloAddress != target);
                var required = Math.Min(options.VotesForDeath, Math.Max(1, voters));
                declared = votes.Count >= required;
                return (row.Entry with { SuspectTimes = votes, Status = declared ? SiloStatus.Dead : row.Entry.Status }, row.ETag);
            },
            $"vote silo {target} dead",
            cancellationToken);
        if (declared)
        {
            Log.DeclaringDead(logger, target, options.MissedProbesLimit);
            _missed.TryRemove(target, out _);
        }
    }

    // Read, compute, conditional write; on a lost race read again (a few times, then the next round retries).
    private async Task ChangeAsync(Func<MembershipTableData, (MembershipEntry Entry, string? ETag)?> change, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var data = await table.ReadAllAsync(cancellationToken);
            if (change(data) is not { } next)
            {
                view.Update(MembershipSnapshot.From(data));
                return;
            }

            var written = next.ETag is null
                ? await table.InsertRowAsync(next.Entry, data.Version.Next(), cancellationToken)
                : await table.UpdateRowAsync(next.Entry, next.ETag, data.Version.Next(), cancellationToken);
            if (written)
            {
                await RefreshAsync(cancellationToken);
                onTableChanged();
                return;
            }

            await Task.Delay(Random.Shared.Next(5, 50), cancellationToken);
        }

        throw new InvalidOperationException($"Silo {Self} could not {what}: the membership table kept changing under it (10 compare-and-swap attempts). It retries on the next round.");
    }
}
