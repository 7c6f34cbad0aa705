using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Tests.Shared;

/// <summary>
/// Starts an app model and waits for its resources to be healthy, and when that does not happen in time, says why:
/// every resource instance's last state, health and exit code, and the last lines each one that is not healthy logged.
/// A start that hangs in CI is then a report to read, not a bare "task was canceled".
/// </summary>
internal static class AppStartup
{
    private const int LogLinesPerResource = 15;

    public static async Task StartAndWaitHealthyAsync(
        this DistributedApplication app, IEnumerable<string> resources, TimeSpan within, CancellationToken cancellationToken)
    {
        var latest = new ConcurrentDictionary<string, CustomResourceSnapshot>(StringComparer.Ordinal);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in app.ResourceNotifications.WatchAsync(watching.Token))
                {
                    latest[update.ResourceId] = update.Snapshot;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        var waitingFor = "the app to start";
        try
        {
            await app.StartAsync(deadline.Token);
            foreach (var resource in resources)
            {
                waitingFor = $"'{resource}' to be healthy";
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Waited {within.TotalSeconds:0} s for {waitingFor}.{Environment.NewLine}{await DescribeAsync(app, latest)}");
        }
        finally
        {
            await watching.CancelAsync();
            await watch;
        }
    }

    private static async Task<string> DescribeAsync(DistributedApplication app, IReadOnlyDictionary<string, CustomResourceSnapshot> latest)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var report = new StringBuilder();
        foreach (var (id, snapshot) in latest.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            report.Append(id).Append(": ").Append(snapshot.State?.Text ?? "(no state)")
                .Append(", health ").Append(snapshot.HealthStatus?.ToString() ?? "(none)");
            if (snapshot.ExitCode is { } exitCode)
            {
                report.Append(", exit code ").Append(exitCode);
            }

            report.AppendLine();
            if (snapshot.HealthStatus != HealthStatus.Healthy)
            {
                foreach (var line in await LastLinesAsync(logs, id))
                {
                    report.Append("    | ").AppendLine(line);
                }
            }
        }

        return report.ToString();
    }

    private static async Task<IReadOnlyList<string>> LastLinesAsync(ResourceLoggerService logs, string id)
    {
        var lines = new Queue<string>();
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in logs.GetAllAsync(id).WithCancellation(window.Token))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    if (lines.Count > LogLinesPerResource)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return [.. lines];
    }
}
