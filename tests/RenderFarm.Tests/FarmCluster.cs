using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Platform.Orleans.PostgreSql;
using RenderFarm.Contracts;
using RenderFarm.Grains;

namespace RenderFarm.Tests;

/// <summary>
/// The farm's grains and workers in an Orleans in-process test cluster, on the real ADO.NET grain storage over a
/// PostgreSQL database of its own. <c>slots</c> per silo (0: that silo renders nothing, so a test drives the
/// protocol by hand); <c>skew</c> shifts a silo's wall clock.
/// </summary>
public sealed class FarmCluster : IAsyncDisposable
{
    private FarmCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public static async Task<FarmCluster> StartAsync(string connectionString, int[] slots, TimeSpan[]? skew = null)
    {
        var builder = new InProcessTestClusterBuilder((short)slots.Length);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ServiceId = "farm";
        var index = 0;
        var siloIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        builder.ConfigureSilo((options, silo) =>
        {
            lock (siloIndex)
            {
                if (!siloIndex.TryGetValue(options.SiloName, out var _))
                {
                    siloIndex[options.SiloName] = index++;
                }
            }

            var i = siloIndex[options.SiloName];
            silo.Services.AddOrleansPostgreSqlSchema(_ => connectionString);
            silo.AddAdoNetGrainStorage(FarmOptions.StorageName, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.AddRenderFarmGrains();
            silo.Services.Configure<FarmOptions>(o =>
            {
                o.Slots = Math.Max(slots[i], 1);
                o.WorkerEnabled = slots[i] > 0;
                o.IdlePollMilliseconds = 20;
                o.MaxIdlePollMilliseconds = 100;
                o.ExpiryScanMilliseconds = 50;
                o.ClockSkewSeconds = skew?[i].TotalSeconds ?? 0;
            });
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new FarmCluster(cluster);
    }

    public static JobSpec Spec(int frames, int priority = 0, int iterations = 60, int leaseSeconds = 10, string owner = "alice") =>
        new(owner, "test", frames, 48, 27, iterations, priority, leaseSeconds);

    /// <summary>Waits until the job is no longer running.</summary>
    public async Task<JobStatus> WaitFinishedAsync(Guid job, TimeSpan? within = null)
    {
        using var deadline = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await Grains.GetGrain<IJobGrain>(job).GetStatusAsync();
            if (status.Phase != JobPhase.Running)
            {
                return status;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
