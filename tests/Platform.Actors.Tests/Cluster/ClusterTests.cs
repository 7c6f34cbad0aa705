using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Actors.Membership;
using Platform.Actors.Testing;

namespace Platform.Actors.Tests.Cluster;

/// <summary>Cluster behaviour on the in-memory membership table and storage (runtime tests); the PostgreSQL kill test is in <see cref="ClusterPostgreSqlTests"/>.</summary>
public sealed class ClusterTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Grains_ThreeSilos_SpreadOverAllOfThem()
    {
        await using var cluster = await TestCluster.StartAsync();

        var silos = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => cluster.Client.GetGrain<IClusterCounterGrain>($"spread-{i}").GetSiloAsync()));

        Assert.Equal(3, silos.Distinct().Count());
        Assert.Equal(cluster.Silos.Select(s => s.SiloAddress.ToString()).Order(), silos.Distinct().Order());
    }

    [Fact]
    public async Task Grain_ManyConcurrentCallersThroughEverySilo_OneActivationAndNoLostIncrement()
    {
        await using var cluster = await TestCluster.StartAsync();
        IGrainFactory[] callers = [cluster.Client, .. cluster.Silos.Select(s => s.Services.GetRequiredService<IGrainFactory>())];

        await Task.WhenAll(Enumerable.Range(0, 64).Select(async caller =>
        {
            var factory = callers[caller % callers.Length];
            for (var call = 0; call < 20; call++)
            {
                await factory.GetGrain<IClusterCounterGrain>($"busy-{call % 4}").IncrementAsync();
            }
        }));

        for (var grain = 0; grain < 4; grain++)
        {
            var ids = await Task.WhenAll(callers.Select(f => f.GetGrain<IClusterCounterGrain>($"busy-{grain}").GetActivationIdAsync()));
            Assert.Single(ids.Distinct());
            Assert.Equal(64 * 20 / 4, await cluster.Client.GetGrain<IClusterCounterGrain>($"busy-{grain}").GetAsync());
        }
    }

    [Fact]
    public async Task KillSilo_CallsDuringDetection_FailFastWithSiloUnavailableOrSucceed_ThenGrainsMoveWithState()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.ConfigureCluster(o => o.Membership.ProbePeriod = TimeSpan.FromMilliseconds(300)));
        var victim = cluster.Silos[1];
        var grains = await GrainsOnAsync(cluster, victim, count: 5);
        foreach (var grain in grains)
        {
            await grain.IncrementAsync();
        }

        await cluster.KillSiloAsync(victim);

        // Until the cluster declares the victim dead, a call for its grains fails at once with the transient error; none waits for the response time-out.
        foreach (var grain in grains)
        {
            try
            {
                await grain.GetAsync();
            }
            catch (Exception ex)
            {
                Assert.IsType<SiloUnavailableException>(ex);
            }
        }

        await cluster.WaitForLivenessToStabilizeAsync(Generous);
        foreach (var grain in grains)
        {
            Assert.Equal(2, await grain.IncrementAsync());
            Assert.NotEqual(victim.SiloAddress.ToString(), await grain.GetSiloAsync());
        }
    }

    [Fact]
    public async Task PendingCall_ItsSiloIsKilled_FailsWithSiloUnavailableInsteadOfTimingOut()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 2);
        var victim = cluster.Silos[0];
        var grain = (await GrainsOnAsync(cluster, victim, count: 1))[0];
        var pending = grain.HangAsync();
        await Task.Delay(200); // Let the request reach the silo; the assertion does not depend on it.

        await cluster.KillSiloAsync(victim);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => pending);
        Assert.IsType<SiloUnavailableException>(error);
    }

    [Fact]
    public async Task RemoteCall_NoAnswer_FailsWithTimeoutSayingOutcomeUnknown()
    {
        await using var cluster = await TestCluster.StartAsync(b =>
        {
            b.InitialSilosCount = 2;
            b.ConfigureServices(s => s.Configure<ActorsOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(1)));
        });
        var grain = (await GrainsOnAsync(cluster, cluster.Silos[1], count: 1))[0];

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.HangAsync());

        Assert.Contains("outcome is unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteGrain_Throws_CallerGetsGrainMethodExceptionNamingTheCause()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 2);
        var grain = (await GrainsOnAsync(cluster, cluster.Silos[0], count: 1))[0];

        var error = await Assert.ThrowsAsync<GrainMethodException>(() => grain.ThrowAsync("insufficient funds"));

        Assert.Equal(typeof(InvalidOperationException).FullName, error.CauseType);
        Assert.Equal("insufficient funds", error.CauseMessage);
    }

    [Fact]
    public async Task Silo_DeclaredDeadInTable_StopsItself()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 2);
        var silo = cluster.Silos[0];
        var lifetime = silo.Services.GetRequiredService<IHostApplicationLifetime>();
        var table = cluster.MembershipTable;
        var data = await table.ReadAllAsync();
        var row = data.Rows.Single(r => r.Entry.SiloAddress == silo.SiloAddress);

        Assert.True(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, data.Version.Next()));

        await silo.Stopped.WaitAsync(Generous);
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task KilledSilo_IsDeclaredDeadByItsPeers()
    {
        await using var cluster = await TestCluster.StartAsync();
        var victim = cluster.Silos[2];

        await cluster.KillSiloAsync(victim);

        await WaitUntilAsync(async () => (await cluster.MembershipTable.ReadRowAsync(victim.SiloAddress)).Rows.Single().Entry.Status == SiloStatus.Dead);
        var entry = (await cluster.MembershipTable.ReadRowAsync(victim.SiloAddress)).Rows.Single().Entry;
        Assert.True(entry.SuspectTimes.Select(v => v.Suspecter).Distinct().Count() >= 2);
        Assert.DoesNotContain(victim.SiloAddress, entry.SuspectTimes.Select(v => v.Suspecter));
    }

    [Fact]
    public async Task StopSilo_Graceful_MarksItselfDeadWithoutVotes()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 2);
        var silo = cluster.Silos[0];

        await cluster.StopSiloAsync(silo);

        var entry = (await cluster.MembershipTable.ReadRowAsync(silo.SiloAddress)).Rows.Single().Entry;
        Assert.Equal(SiloStatus.Dead, entry.Status);
        Assert.Empty(entry.SuspectTimes);
    }

    [Fact]
    public async Task DeadSiloRow_OlderThanDefunctExpiration_IsDeletedByTheSurvivors()
    {
        await using var cluster = await TestCluster.StartAsync(b =>
        {
            b.InitialSilosCount = 2;
            b.ConfigureCluster(o =>
            {
                o.Membership.DefunctSiloCleanupPeriod = TimeSpan.FromMilliseconds(200);
                o.Membership.DefunctSiloExpiration = TimeSpan.FromMilliseconds(500);
            });
        });
        var gone = cluster.Silos[0];
        Assert.Equal(SiloStatus.Active, (await cluster.MembershipTable.ReadRowAsync(gone.SiloAddress)).Rows.Single().Entry.Status);

        await cluster.StopSiloAsync(gone);

        await WaitUntilAsync(async () => (await cluster.MembershipTable.ReadRowAsync(gone.SiloAddress)).Rows.Count == 0);

        Assert.Single((await cluster.MembershipTable.ReadAllAsync()).Rows);
    }

    [Fact]
    public async Task JoiningSilo_TakesAShareOfNewActivations_AndOldGrainsKeepOneActivation()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 2);
        var before = cluster.Client.GetGrain<IClusterCounterGrain>("old-1");
        await before.IncrementAsync();

        var joined = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync(Generous);

        var silos = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => cluster.Client.GetGrain<IClusterCounterGrain>($"new-{i}").GetSiloAsync()));
        Assert.Contains(joined.SiloAddress.ToString(), silos);
        Assert.Equal(2, await before.IncrementAsync());
        IGrainFactory[] callers = [cluster.Client, .. cluster.Silos.Select(s => s.Services.GetRequiredService<IGrainFactory>())];
        var ids = await Task.WhenAll(callers.Select(f => f.GetGrain<IClusterCounterGrain>("old-1").GetActivationIdAsync()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Client_LosesTheSiloItFirstCalled_LaterCallsReachLiveSilos()
    {
        await using var cluster = await TestCluster.StartAsync();
        var first = cluster.Client.GetGrain<IClusterCounterGrain>("client-first");
        var firstSilo = await first.GetSiloAsync();
        await first.IncrementAsync();
        var victim = cluster.Silos.Single(s => s.SiloAddress.ToString() == firstSilo);

        await cluster.KillSiloAsync(victim);

        await WaitUntilAsync(async () =>
        {
            try
            {
                return await first.GetSiloAsync() != firstSilo;
            }
            catch (SiloUnavailableException)
            {
                return false;
            }
        });
        Assert.Equal(2, await first.IncrementAsync());
        await cluster.WaitForLivenessToStabilizeAsync(Generous);
        Assert.DoesNotContain(victim.SiloAddress, cluster.Client.ActiveSilos);
        var silos = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.Client.GetGrain<IClusterCounterGrain>($"after-{i}").GetSiloAsync()));
        Assert.DoesNotContain(firstSilo, silos);
    }

    [Fact]
    public async Task Reminders_EachGrainOwnedByExactlyOneSilo_BeforeAndAfterAKill()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grains = Enumerable.Range(0, 200).Select(i => new GrainId("cluster-counter", $"r-{i}")).ToArray();
        AssertEachOwnedOnce(cluster, grains);

        await cluster.KillSiloAsync(cluster.Silos[0]);
        await cluster.WaitForLivenessToStabilizeAsync(Generous);

        AssertEachOwnedOnce(cluster, grains);
    }

    private static void AssertEachOwnedOnce(TestCluster cluster, GrainId[] grains)
    {
        var ranges = cluster.Silos.Select(s => s.Services.GetRequiredService<Platform.Actors.Reminders.IReminderRangeProvider>()).ToArray();
        foreach (var grain in grains)
        {
            Assert.Equal(1, ranges.Count(r => r.Owns(grain)));
        }

        Assert.All(ranges, r => Assert.Contains(grains, r.Owns));
    }

    internal static async Task<IClusterCounterGrain[]> GrainsOnAsync(TestCluster cluster, TestSilo silo, int count)
    {
        List<IClusterCounterGrain> found = [];
        for (var i = 0; found.Count < count; i++)
        {
            var grain = cluster.Client.GetGrain<IClusterCounterGrain>($"{silo.Name}-{Guid.NewGuid():N}");
            if (await grain.GetSiloAsync() == silo.SiloAddress.ToString())
            {
                found.Add(grain);
            }
        }

        return [.. found];
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (!await condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
