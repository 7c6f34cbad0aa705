using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.Membership;

namespace Platform.Actors.Cluster;

/// <summary>Keeps the client's view of the cluster: reads the membership table at start, every refresh period, and when a call fails.</summary>
internal sealed partial class ClusterClientService(
    IMembershipTable table,
    MembershipView view,
    ClientCallRouter router,
    IOptions<ClusterOptions> options,
    ILogger<ClusterClientService> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMilliseconds(100);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.InitializeAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
        router.RefreshRequested = () =>
        {
            if (_wake.CurrentCount == 0)
            {
                try
                {
                    _wake.Release();
                }
                catch (SemaphoreFullException)
                {
                    // A refresh is already requested.
                }
            }
        };
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await router.DisposeAsync();
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(options.Value.Membership.TableRefreshPeriod, stoppingToken);
                await RefreshAsync(stoppingToken);

                // Failures wake the loop early; a burst of them must not turn into a burst of table reads.
                await Task.Delay(MinimumRefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(logger, ex);
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken) =>
        view.Update(MembershipSnapshot.From(await table.ReadAllAsync(cancellationToken)));

    [LoggerMessage(1501, LogLevel.Warning, "The cluster client could not read the membership table; it keeps its last view")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
