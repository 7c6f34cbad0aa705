using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.Membership;
using Platform.Actors.Networking;
using Platform.Actors.Placement;
using Platform.Actors.Reminders;
using Platform.Actors.Runtime;

namespace Platform.Actors.Cluster;

/// <summary>
/// Makes the host a cluster member: listens (silo and client connections on one port), joins the membership table,
/// probes its peers, and reacts to view changes (drops connections to dead silos so their pending calls fail at once,
/// deactivates activations this silo no longer owns, refreshes its reminders). A graceful stop marks the silo
/// ShuttingDown, then Dead; <see cref="KillAsync"/> drops everything without a word to the table, as a crash would.
/// </summary>
internal sealed partial class ClusterSilo(
    SiloCallRouter router,
    MembershipView view,
    LocalSiloDetails local,
    IMembershipTable table,
    ActorRuntime runtime,
    ReminderService reminders,
    IOptions<ClusterOptions> options,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ClusterOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger<ClusterSilo>();
    private SiloListener? _listener;
    private MembershipAgent? _agent;
    private volatile bool _killed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var key = _options.RequireKey();
        var address = IPAddress.Parse(_options.SiloAddress);
        _listener = new SiloListener(key, router, _options.HandshakeTimeout, _logger);
        _listener.Start(new IPEndPoint(address, _options.SiloPort));
        var self = new SiloAddress(new IPEndPoint(address, _listener.LocalEndPoint.Port), LocalSiloDetails.NextGeneration());
        local.SetAddress(self);
        local.SiloName = _options.SiloName ?? $"{Environment.MachineName}:{self.Endpoint.Port}";

        view.Changed += OnViewChanged;
        _agent = new MembershipAgent(table, view, router.Pool, _options.Membership, OnDeclaredDead, Gossip, _logger);
        router.GossipReceived = () => _ = RefreshQuietlyAsync();
        var now = DateTimeOffset.UtcNow;
        await _agent.JoinAsync(
            new MembershipEntry
            {
                SiloAddress = self,
                Status = SiloStatus.Joining,
                SiloName = local.SiloName,
                HostName = Environment.MachineName,
                ProxyPort = self.Endpoint.Port,
                StartTime = now,
                IAmAliveTime = now,
            },
            cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_killed || _agent is null)
        {
            return;
        }

        await _agent.StopLoopAsync();
        if (!_agent.DeclaredDead)
        {
            try
            {
                // Peers stop placing grains here first, then learn that this silo is gone for good.
                await _agent.SetOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);
                await _agent.SetOwnStatusAsync(SiloStatus.Dead, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogGracefulStopFailed(_logger, ex);
            }
        }

        await CloseAsync();
    }

    /// <summary>An abrupt stop: no more probes, heartbeats or answers, every socket reset, nothing written to the table.</summary>
    public async Task KillAsync()
    {
        _killed = true;
        if (_agent is not null)
        {
            await _agent.StopLoopAsync();
        }

        await CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _agent?.Dispose();
    }

    private async Task CloseAsync()
    {
        view.Changed -= OnViewChanged;
        if (_agent is not null)
        {
            await _agent.StopLoopAsync();
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        await router.DisposeAsync();
    }

    private void OnDeclaredDead()
    {
        // Orleans' rule: a silo the cluster declared dead must not keep serving; its grains already live elsewhere.
        lifetime.StopApplication();
    }

    private void Gossip()
    {
        var self = local.AddressOrNull;
        foreach (var (silo, status) in view.Current.Statuses)
        {
            if (silo != self && status is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown)
            {
                _ = router.Pool.GossipAsync(silo.Endpoint);
            }
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            if (_agent is not null && !_killed)
            {
                await _agent.RefreshAsync(CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LogRefreshFailed(_logger, ex);
        }
    }

    private void OnViewChanged(MembershipSnapshot previous, MembershipSnapshot next)
    {
        foreach (var (silo, status) in next.Statuses)
        {
            if (status == SiloStatus.Dead && previous.StatusOf(silo) != SiloStatus.Dead)
            {
                router.Pool.Drop(silo.Endpoint);
            }
        }

        if (previous.Active.SequenceEqual(next.Active) || _killed || local.AddressOrNull is not { } self)
        {
            return;
        }

        var active = next.Active;
        var moved = runtime.Catalog.DeactivateWhere(
            id => RendezvousPlacement.PickOwner(id, active) is { } owner && owner != self,
            new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the cluster view changed and another silo owns this grain now"));
        if (moved > 0)
        {
            LogRebalanced(_logger, moved, active.Length);
        }

        _ = RefreshRemindersAsync();
    }

    private async Task RefreshRemindersAsync()
    {
        try
        {
            await reminders.RefreshAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRefreshFailed(_logger, ex);
        }
    }

    [LoggerMessage(1401, LogLevel.Warning, "Marking this silo ShuttingDown/Dead in the membership table failed; peers will detect it by probes")]
    private static partial void LogGracefulStopFailed(ILogger logger, Exception exception);

    [LoggerMessage(1402, LogLevel.Warning, "Refreshing after a membership change failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(1403, LogLevel.Information, "View changed to {Active} active silos: deactivating {Count} activations now owned elsewhere")]
    private static partial void LogRebalanced(ILogger logger, int count, int active);
}
