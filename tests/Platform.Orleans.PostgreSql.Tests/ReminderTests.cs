using Orleans.TestingHost;
using Platform.Orleans.PostgreSql.Tests.Grains;
using Platform.Orleans.PostgreSql.Tests.Infrastructure;

namespace Platform.Orleans.PostgreSql.Tests;

/// <summary>Reminders through Microsoft.Orleans.Reminders.AdoNet on the project's schema.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class ReminderTests(PostgresFixture postgres)
{
    private const string ServiceId = "reminder-tests";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RegisterOrUpdateReminder_ShortPeriod_FiresRepeatedlyAndIsStored()
    {
        var (cluster, database) = await GetClusterAsync();
        var key = "fires-" + Guid.NewGuid().ToString("N")[..8];
        var grain = cluster.GrainFactory.GetGrain<IReminderProbeGrain>(key);

        await grain.Start("tick", Period);
        var ticks = await WaitForTicksAsync($"{key}/tick", atLeast: 2, TimeSpan.FromSeconds(45));

        Assert.True(ticks >= 2, $"the reminder fired {ticks} time(s) in 45 s");
        var row = Assert.Single(await Db.RowsAsync(database,
            "SELECT grain_id, reminder_name, period, version, service_id, start_time <= now() FROM orleans_reminder WHERE grain_id LIKE '%' || @key",
            ("key", key)));
        Assert.Equal("tick", row[1]);
        Assert.Equal(1000L, row[2]);
        Assert.Equal(0, row[3]);
        Assert.Equal(ServiceId, row[4]);
        Assert.Equal(true, row[5]);
        Assert.Equal(grain.GetGrainId().ToString(), row[0]);
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_SameNameAgain_UpdatesTheRowAndMovesItsVersion()
    {
        var (cluster, database) = await GetClusterAsync();
        var key = "again-" + Guid.NewGuid().ToString("N")[..8];
        var grain = cluster.GrainFactory.GetGrain<IReminderProbeGrain>(key);

        await grain.Start("tick", TimeSpan.FromMinutes(10));
        await grain.Start("tick", TimeSpan.FromMinutes(20));

        var row = Assert.Single(await Db.RowsAsync(database,
            "SELECT period, version FROM orleans_reminder WHERE grain_id LIKE '%' || @key", ("key", key)));
        Assert.Equal(TimeSpan.FromMinutes(20).TotalMilliseconds, (long)row[0]!);
        Assert.Equal(1, row[1]);
        await grain.Stop("tick");
    }

    [Fact]
    public async Task UnregisterReminder_Registered_DeletesTheRowAndStopsTicks()
    {
        var (cluster, database) = await GetClusterAsync();
        var key = "stops-" + Guid.NewGuid().ToString("N")[..8];
        var grain = cluster.GrainFactory.GetGrain<IReminderProbeGrain>(key);
        await grain.Start("tick", Period);
        await WaitForTicksAsync($"{key}/tick", atLeast: 1, TimeSpan.FromSeconds(45));

        await grain.Stop("tick");
        var afterStop = ReminderProbeGrain.Ticks.GetValueOrDefault($"{key}/tick");
        await Task.Delay(Period * 3);

        Assert.Equal(0L, await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM orleans_reminder WHERE grain_id LIKE '%' || @key", ("key", key)));
        // One tick may already have been on its way when the reminder was removed.
        Assert.InRange(ReminderProbeGrain.Ticks.GetValueOrDefault($"{key}/tick"), afterStop, afterStop + 1);
    }

    [Fact]
    public async Task ReadRows_NewClusterOfTheSameService_LoadsStoredRemindersFromItsRingRanges()
    {
        var database = await postgres.GetClassDatabaseAsync(GetType());
        const string service = "reminder-restart-tests";
        var keys = Enumerable.Range(0, 6).Select(i => $"restart-{i}-{Guid.NewGuid():N}"[..20]).ToArray();
        await using (var first = await OrleansTestClusters.StartAsync(database, service))
        {
            foreach (var key in keys)
            {
                await first.GrainFactory.GetGrain<IReminderProbeGrain>(key).Start("tick", Period);
            }
        }

        // No one calls the grains again: only a silo that reads its part of the ring from the table can fire them. One
        // silo owns the whole ring (a range that wraps: ReadRangeRows2Key); two split it into many ranges, nearly all
        // of which do not wrap (ReadRangeRows1Key).
        foreach (short silos in new short[] { 1, 2 })
        {
            foreach (var key in keys)
            {
                ReminderProbeGrain.Ticks.TryRemove($"{key}/tick", out _);
            }

            await using var cluster = await OrleansTestClusters.StartAsync(database, service, silos);
            foreach (var key in keys)
            {
                var ticks = await WaitForTicksAsync($"{key}/tick", atLeast: 1, TimeSpan.FromSeconds(45));
                Assert.True(ticks >= 1, $"reminder of {key} did not fire on a new {silos}-silo cluster");
            }
        }
    }

    private static async Task<int> WaitForTicksAsync(string tickKey, int atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && ReminderProbeGrain.Ticks.GetValueOrDefault(tickKey) < atLeast)
        {
            await Task.Delay(100);
        }

        return ReminderProbeGrain.Ticks.GetValueOrDefault(tickKey);
    }

    private async Task<(TestCluster Cluster, string Database)> GetClusterAsync()
    {
        var database = await postgres.GetClassDatabaseAsync(GetType());
        var cluster = await postgres.GetSharedAsync(nameof(ReminderTests), () => OrleansTestClusters.StartAsync(database, ServiceId));
        return (cluster, database);
    }
}
