using System.Net;
using Bank.Tests.Infrastructure;
using Platform.Hosting.Servers;

namespace Bank.Tests.Api;

[Collection(ServersCollectionDefinition.Name)]
public sealed class RedisOutageTests(ServersFixture servers)
{
    [Fact]
    public async Task ReadsAndWrites_RedisKilled_ServedByTheGrains()
    {
        await using var redis = await LocalRedisServer.StartAsync();
        var api = await servers.GetApiAsync("own-redis", redis: redis.ConnectionString);
        var (alice, _) = await api.SignInAsync("customer");
        var (teller, _) = await api.SignInAsync("teller");
        var from = await alice.OpenAccountAsync();
        var to = await alice.OpenAccountAsync();
        (await teller.PostWithKeyAsync($"/accounts/{from}/deposits", new { amount = "10" }, null)).EnsureSuccessStatusCode();
        Assert.Equal("10.00", await alice.BalanceAsync(from));   // cached now

        await redis.KillAsync();

        var transfer = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = "4" }, "during-outage");
        var withdrawal = await alice.PostWithKeyAsync($"/accounts/{from}/withdrawals", new { amount = "1" }, null);
        var statement = await alice.GetAsync($"/accounts/{from}/statement");
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withdrawal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Equal("5.00", await alice.BalanceAsync(from));
        Assert.Equal("4.00", await alice.BalanceAsync(to));
    }
}
