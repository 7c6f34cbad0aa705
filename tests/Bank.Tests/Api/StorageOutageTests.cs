using System.Net;
using Bank.Contracts;
using Bank.Grains;
using Bank.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bank.Tests.Api;

[Collection(ServersCollectionDefinition.Name)]
public sealed class StorageOutageTests(ServersFixture servers)
{
    /// <summary>Storage failing before the debit (nothing moved) or after it (half done): the caller cannot tell which.</summary>
    [Theory]
    [InlineData(TransferStatus.Pending)]
    [InlineData(TransferStatus.Debited)]
    public async Task Transfer_StorageFails_503WithRetryAfterAndTheSameKeyMovesTheMoneyOnce(TransferStatus at)
    {
        var crash = new CrashOnceHook(at);
        await using var api = new BankApiFactory(
            await servers.CreateDatabaseAsync(), servers.Redis.ConnectionString, services: s => s.AddSingleton<ITransferStepHook>(crash));
        var (alice, _) = await api.SignInAsync("customer");
        var (teller, _) = await api.SignInAsync("teller");
        var from = await alice.OpenAccountAsync();
        var to = await alice.OpenAccountAsync();
        (await teller.PostWithKeyAsync($"/accounts/{from}/deposits", new { amount = "10" }, null)).EnsureSuccessStatusCode();

        using var failed = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = "4" }, "storage-fails");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.True(failed.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {failed.Headers.RetryAfter}");
        Assert.Equal("The bank is temporarily unavailable.", (await failed.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(1, crash.Crashes);

        using var retried = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = "4" }, "storage-fails");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("6.00", await alice.BalanceAsync(from));
        Assert.Equal("4.00", await alice.BalanceAsync(to));
    }
}
