using Microsoft.Extensions.DependencyInjection;
using Platform.Tests.Shared;

namespace AppHost.Tests;

/// <summary>A silo stopped the normal way (SIGTERM, as Ctrl+C or a container platform's stop) leaves the cluster quietly.</summary>
public sealed class SiloShutdownTests
{
    [Fact]
    public async Task Silo_StoppedNormally_NoCriticalLogAnywhereAndTheApiKeepsServing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var data = TestFolders.CreateServerData("silo-stop-");
        await using (var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(timeout.Token))
        {
            builder.Configuration["LocalServers:DataDirectory"] = data.FullName;
            await using var app = await builder.BuildAsync(timeout.Token);
            await app.StartAndWaitHealthyAsync(["silo", "api"], TimeSpan.FromMinutes(3), timeout.Token);
            var silos = await app.InstancesOfAsync("silo", timeout.Token);

            await app.TerminateAsync("silo", replica: 0, timeout.Token);
            // Long enough for the others to notice, gossip and act on it.
            await Task.Delay(TimeSpan.FromSeconds(5), timeout.Token);

            using var http = app.CreateHttpClient("api");
            using var health = await http.GetAsync("/health", timeout.Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            var logs = app.Services.GetRequiredService<ResourceLoggerService>();
            // The logs read are the stopped silo's own: it said it was shutting down.
            Assert.Contains(await LinesAsync(logs, silos[0]), line => line.Contains("Application is shutting down", StringComparison.Ordinal));
            var critical = new List<string>();
            foreach (var instance in silos.Append((await app.InstancesOfAsync("api", timeout.Token))[0]))
            {
                critical.AddRange((await LinesAsync(logs, instance)).Where(line => line.Contains("crit:", StringComparison.Ordinal)).Select(line => $"{instance}: {line}"));
            }

            Assert.True(critical.Count == 0, "critical log lines after a normal stop:" + Environment.NewLine + string.Join(Environment.NewLine, critical));
        }

        data.Delete(recursive: true);
    }

    private static async Task<List<string>> LinesAsync(ResourceLoggerService logs, string instance)
    {
        var lines = new List<string>();
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in logs.GetAllAsync(instance).WithCancellation(window.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return lines;
    }
}
