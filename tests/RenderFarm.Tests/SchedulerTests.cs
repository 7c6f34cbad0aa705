using Platform.Tests.Shared;
using RenderFarm.Contracts;

namespace RenderFarm.Tests;

/// <summary>The scheduler's choice of job, with the test as the only worker.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class SchedulerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Lease_HigherPriorityJobWithFramesWaiting_TakesEverySlotBeforeALowerOne()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var scheduler = farm.Grains.GetGrain<ISchedulerGrain>(0);
        var (low, _) = await LeaseFencingTests.SubmitAsync(farm, FarmCluster.Spec(4, priority: 1));
        var (high, _) = await LeaseFencingTests.SubmitAsync(farm, FarmCluster.Spec(3, priority: 5));

        var order = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            order.Add((await scheduler.LeaseAsync("w#0", "a", 0))!.JobId);
        }

        Assert.Equal([.. Enumerable.Repeat(high.GetPrimaryKey(), 3), .. Enumerable.Repeat(low.GetPrimaryKey(), 4)], order);
        Assert.Null(await scheduler.LeaseAsync("w#0", "a", 0));
    }

    [Fact]
    public async Task Lease_EqualPriorities_AlternateBetweenTheJobs()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var scheduler = farm.Grains.GetGrain<ISchedulerGrain>(0);
        var (a, _) = await LeaseFencingTests.SubmitAsync(farm, FarmCluster.Spec(3, priority: 2));
        var (b, _) = await LeaseFencingTests.SubmitAsync(farm, FarmCluster.Spec(3, priority: 2));

        var counts = new Dictionary<Guid, int> { [a.GetPrimaryKey()] = 0, [b.GetPrimaryKey()] = 0 };
        for (var i = 0; i < 6; i++)
        {
            counts[(await scheduler.LeaseAsync("w#0", "a", 0))!.JobId]++;
            // Fair share: after every pair of leases each job runs the same number of frames.
            if (i % 2 == 1)
            {
                Assert.Equal(counts[a.GetPrimaryKey()], counts[b.GetPrimaryKey()]);
            }
        }
    }

    [Fact]
    public async Task Lease_FinishedJobs_LeaveTheQueue()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var scheduler = farm.Grains.GetGrain<ISchedulerGrain>(0);
        var (job, _) = await LeaseFencingTests.SubmitAsync(farm, FarmCluster.Spec(2));
        Assert.Single((await scheduler.GetQueueAsync()).Jobs);

        await job.CancelAsync();
        Assert.Null(await scheduler.LeaseAsync("w#0", "a", 0));
        Assert.Empty((await scheduler.GetQueueAsync()).Jobs);
    }
}
