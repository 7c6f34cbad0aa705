using System.Net;
using System.Net.Http.Json;
using Bank.Tests.Infrastructure;

namespace Bank.Tests.Api;

[Collection(ServersCollectionDefinition.Name)]
public sealed class AuthorizationTests(ServersFixture servers)
{
    public static TheoryData<string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        var ops = new[] { "get", "statement", "events", "deposit", "withdraw", "transfer", "open", "list", "issue-token" };
        var expected = new Dictionary<string, HttpStatusCode[]>
        {
            // get, statement, events, deposit, withdraw, transfer, open, list, issue-token
            ["owner"] = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Forbidden],
            ["other-customer"] = [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden],
            ["teller"] = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden],
            ["auditor"] = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden],
            ["admin"] = [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created],
            ["anonymous"] = [.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 9)],
        };
        foreach (var (who, codes) in expected)
        {
            for (var i = 0; i < ops.Length; i++)
            {
                data.Add(who, ops[i], codes[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Operation_ByRole_AllowedOnlyWhereTheRulesSay(string who, string operation, HttpStatusCode expected)
    {
        var api = await servers.GetApiAsync("kestrel", kestrel: true);
        var (owner, ownerId) = await api.SignInAsync("customer");
        var (teller, _) = await api.SignInAsync("teller");
        var account = await owner.OpenAccountAsync();
        var payee = await teller.PostWithKeyAsync($"/accounts/{account}/deposits", new { amount = "100" }, null);
        payee.EnsureSuccessStatusCode();
        var (otherOwner, _) = await api.SignInAsync("customer");
        var destination = await otherOwner.OpenAccountAsync();
        using var caller = who switch
        {
            "owner" => owner,
            "teller" => teller,
            "anonymous" => api.CreateClient(),
            "other-customer" => (await api.SignInAsync("customer")).Client,
            _ => (await api.SignInAsync(who)).Client,
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = operation switch
        {
            "get" => await caller.GetAsync($"/accounts/{account}"),
            "statement" => await caller.GetAsync($"/accounts/{account}/statement"),
            "events" => await caller.GetAsync($"/accounts/{account}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token),
            "deposit" => await caller.PostWithKeyAsync($"/accounts/{account}/deposits", new { amount = "1" }, null),
            "withdraw" => await caller.PostWithKeyAsync($"/accounts/{account}/withdrawals", new { amount = "1" }, null),
            "transfer" => await caller.PostWithKeyAsync("/transfers", new { from = account, to = destination, amount = "1" }, "k"),
            "open" => await caller.PostAsJsonAsync("/accounts", new { currency = "EUR" }),
            "list" => await caller.GetAsync(who is "teller" or "auditor" ? $"/accounts?ownerId={ownerId}" : $"/accounts?ownerId={ownerId}"),
            _ => await caller.PostAsJsonAsync("/admin/tokens", new { subject = "someone", role = "customer" }),
        };

        Assert.Equal(expected, response.StatusCode);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        }

        if ((int)expected >= 400)
        {
            Assert.Equal("100.00", await teller.BalanceAsync(account));
        }
    }

    [Fact]
    public async Task AnyEndpoint_UnknownToken_Unauthorized()
    {
        var api = await servers.GetApiAsync("main");
        using var client = api.ClientFor("bank_not-a-real-token");

        var response = await client.GetAsync("/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DepositAsync_CustomerAboveRoleLimit_UnprocessableNamingAmount()
    {
        var api = await servers.GetApiAsync("main");
        var (alice, _) = await api.SignInAsync("customer");
        var account = await alice.OpenAccountAsync();

        var response = await alice.PostWithKeyAsync($"/accounts/{account}/deposits", new { amount = "10000.01" }, null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("amount", await response.ProblemFieldAsync());
    }
}
