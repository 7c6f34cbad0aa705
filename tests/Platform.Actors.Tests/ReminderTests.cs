using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class ReminderTests
{
    [Fact]
    public async Task RegisterOrUpdateReminder_Period_FiresRepeatedly()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();
        var grain = silo.Grains.GetGrain<IReminderGrain>(key);

        await grain.RegisterAsync("heartbeat", TimeSpan.FromMilliseconds(100));

        await Probe.WaitUntilAsync(() => Probe.Count(key, "tick:heartbeat") >= 3, "three reminder ticks");
        Assert.Equal(["heartbeat"], await grain.ListAsync());
    }

    [Fact]
    public async Task UnregisterReminder_Registered_StopsFiringAndIsGone()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();
        var grain = silo.Grains.GetGrain<IReminderGrain>(key);
        await grain.RegisterAsync("once", TimeSpan.FromMilliseconds(100));
        await Probe.WaitUntilAsync(() => Probe.Count(key, "tick:once") >= 1, "a reminder tick");

        Assert.True(await grain.UnregisterAsync("once"));
        var ticks = Probe.Count(key, "tick:once");
        await Task.Delay(400);

        Assert.Empty(await grain.ListAsync());
        Assert.False(await grain.UnregisterAsync("once"));
        Assert.InRange(Probe.Count(key, "tick:once"), ticks, ticks + 1); // at most the tick already in flight
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_PeriodBelowMinimum_ThrowsWithAdvice()
    {
        await using var silo = await TestSilo.StartAsync(o => o.MinimumReminderPeriod = TimeSpan.FromMinutes(1));
        var grain = silo.Grains.GetGrain<IReminderGrain>(Guid.NewGuid().ToString());

        var error = await Assert.ThrowsAsync<GrainMethodException>(() => grain.RegisterAsync("fast", TimeSpan.FromSeconds(1)));

        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        Assert.Contains("below the minimum 00:01:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumReminderPeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReminderService_SiloRestartsWithSameTable_ReminderFiresAgain()
    {
        var table = new Reminders.InMemoryReminderTable();
        var key = Guid.NewGuid().ToString();
        await using (var first = await StartWithTableAsync(table))
        {
            await first.Grains.GetGrain<IReminderGrain>(key).RegisterAsync("durable", TimeSpan.FromMilliseconds(100));
            await Probe.WaitUntilAsync(() => Probe.Count(key, "tick:durable") >= 1, "a tick before the restart");
        }

        var before = Probe.Count(key, "tick:durable");
        await using var second = await StartWithTableAsync(table);

        // Nothing calls the grain: only the reminder service, loading the table, can activate it.
        await Probe.WaitUntilAsync(() => Probe.Count(key, "tick:durable") >= before + 2, "ticks after the restart");
    }

    private static Task<TestSilo> StartWithTableAsync(Reminders.InMemoryReminderTable table) =>
        TestSilo.StartAsync(configureServices: s =>
        {
            Platform.Actors.Storage.InMemoryGrainStorageServiceCollectionExtensions.AddInMemoryGrainStorage(s);
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Reminders.IReminderTable>(s, table);
        });
}
