using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.PostgreSql;
using Platform.Actors.Storage;
using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests.Integration;

/// <summary>The runtime against the real PostgreSQL providers, as a deployed silo runs.</summary>
public sealed class PostgreSqlActorsTests(ActorsPostgresFixture postgres) : IClassFixture<ActorsPostgresFixture>
{
    [Fact]
    public async Task WriteStateAsync_SiloRestarts_StateSurvivesInPostgreSql()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var key = Guid.NewGuid().ToString();
        await using (var silo = await StartAsync(connectionString))
        {
            await silo.Grains.GetGrain<IProfileGrain>(key).SetNameAsync("Grace");
        }

        await using (var silo = await StartAsync(connectionString))
        {
            var grain = silo.Grains.GetGrain<IProfileGrain>(key);
            Assert.Equal("Grace", await grain.GetNameAsync());
            Assert.True(await grain.GetRecordExistsAsync());
        }
    }

    [Fact]
    public async Task WriteStateAsync_StaleActivationOnSecondSilo_ConflictDeactivatesAndNextCallRereads()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var siloA = await StartAsync(connectionString);
        await using var siloB = await StartAsync(connectionString);
        var key = Guid.NewGuid().ToString();
        var onA = siloA.Grains.GetGrain<IProfileGrain>(key);
        var onB = siloB.Grains.GetGrain<IProfileGrain>(key);
        await onA.SetNameAsync("first");
        Assert.Equal("first", await onB.GetNameAsync());
        await onA.SetNameAsync("second");

        var error = await Assert.ThrowsAsync<GrainMethodException>(() => onB.SetNameAsync("lost update"));

        Assert.IsType<InconsistentStateException>(error.InnerException);
        Assert.Equal("second", await onB.GetNameAsync());
        await onB.SetNameAsync("third");
        await using var fresh = await StartAsync(connectionString);
        Assert.Equal("third", await fresh.Grains.GetGrain<IProfileGrain>(key).GetNameAsync());
    }

    [Fact]
    public async Task ReminderService_SiloRestartsWithPostgreSqlTable_ReminderFiresAgain()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var key = Guid.NewGuid().ToString();
        await using (var first = await StartAsync(connectionString))
        {
            await first.Grains.GetGrain<IReminderGrain>(key).RegisterAsync("durable", TimeSpan.FromMilliseconds(200));
            await Probe.WaitUntilAsync(() => Probe.Count(key, "tick:durable") >= 2, "ticks before the restart");
        }

        var before = Probe.Count(key, "tick:durable");
        await using var second = await StartAsync(connectionString);

        // Nothing calls the grain after the restart: only the reminder service, reading PostgreSQL, can wake it.
        await Probe.WaitUntilAsync(() => Probe.Count(key, "tick:durable") >= before + 2, "ticks after the restart");
        Assert.Equal(["durable"], await second.Grains.GetGrain<IReminderGrain>(key).ListAsync());
    }

    private static Task<TestSilo> StartAsync(string connectionString) =>
        TestSilo.StartAsync(configureServices: services =>
        {
            services.AddPostgreSqlGrainStorage("Default", connectionString);
            services.AddPostgreSqlReminderTable(connectionString);
        });
}
