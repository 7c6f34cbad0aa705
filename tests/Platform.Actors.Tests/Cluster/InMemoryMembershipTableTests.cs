using System.Net;
using Platform.Actors.Membership;

namespace Platform.Actors.Tests.Cluster;

public sealed class InMemoryMembershipTableTests
{
    private static readonly SiloAddress Silo = new(new IPEndPoint(IPAddress.Loopback, 30000), 1);

    [Fact]
    public async Task UpdateRowAsync_StaleVersionOrETag_ReturnsFalseAndChangesNothing()
    {
        var table = new InMemoryMembershipTable();
        var empty = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(new MembershipEntry { SiloAddress = Silo, Status = SiloStatus.Joining }, empty.Version.Next()));
        var read = await table.ReadAllAsync();
        var row = read.Rows.Single();

        Assert.False(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, empty.Version.Next()));
        Assert.False(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, "stale", read.Version.Next()));
        Assert.True(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Active }, row.ETag, read.Version.Next()));

        var final = await table.ReadAllAsync();
        Assert.Equal(SiloStatus.Active, final.Rows.Single().Entry.Status);
        Assert.Equal(2, final.Version.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesAsync_RemovesOnlyOldDeadRows()
    {
        var table = new InMemoryMembershipTable();
        var old = DateTimeOffset.UtcNow.AddDays(-8);
        var alive = Silo with { Generation = 2 };
        Assert.True(await table.InsertRowAsync(new MembershipEntry { SiloAddress = Silo, Status = SiloStatus.Dead, IAmAliveTime = old }, (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await table.InsertRowAsync(new MembershipEntry { SiloAddress = alive, Status = SiloStatus.Active, IAmAliveTime = old }, (await table.ReadAllAsync()).Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-7));

        Assert.Equal([alive], (await table.ReadAllAsync()).Rows.Select(r => r.Entry.SiloAddress));
    }
}
