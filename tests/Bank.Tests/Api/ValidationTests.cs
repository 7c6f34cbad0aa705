using System.Net;
using System.Text;
using Bank.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Bank.Tests.Api;

[Collection(ServersCollectionDefinition.Name)]
public sealed class ValidationTests(ServersFixture servers)
{
    [Theory]
    [InlineData("\"-1\"", HttpStatusCode.BadRequest, "amount")]
    [InlineData("0", HttpStatusCode.BadRequest, "amount")]
    [InlineData("\"1.234\"", HttpStatusCode.BadRequest, "amount")]
    [InlineData("1.001", HttpStatusCode.BadRequest, "amount")]
    [InlineData("\"12,34\"", HttpStatusCode.BadRequest, "amount")]
    [InlineData("\"abc\"", HttpStatusCode.BadRequest, "amount")]
    [InlineData("null", HttpStatusCode.BadRequest, "amount")]
    [InlineData("\"1000\"", HttpStatusCode.Conflict, "amount")]
    public async Task TransferAsync_BadAmount_ProblemNamesAmount(string amountJson, HttpStatusCode status, string field)
    {
        var (alice, from, to, _) = await SetUpAsync();

        var response = await alice.PostWithKeyAsync("/transfers", Json($$"""{"from":"{{from}}","to":"{{to}}","amount":{{amountJson}}}"""), "k");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(field, await response.ProblemFieldAsync());
        Assert.Equal("100.00", await alice.BalanceAsync(from));
    }

    [Fact]
    public async Task Post_UnreadableBody_BadRequestNamingBodyOrContentTypeAndNoErrorLogged()
    {
        var api = await servers.GetApiAsync("unreadable-bodies");
        var (alice, _) = await api.SignInAsync("customer");
        var from = await alice.OpenAccountAsync();
        var cases = new (string Url, HttpContent Content, string Field)[]
        {
            ("/transfers", Json("{\"from\": "), "body"),              // malformed
            ("/transfers", Json(""), "body"),                           // empty
            ("/transfers", Json("[1, 2]"), "body"),                     // not an object
            ("/transfers", Json("\"12.34\""), "body"),
            ("/accounts", Json("{currency"), "body"),
            ($"/accounts/{from}/deposits", Json("null"), "body"),
            ("/transfers", new StringContent("{\"amount\":\"1\"}", Encoding.UTF8), "Content-Type"),   // text/plain
            ("/accounts", new ByteArrayContent("{\"currency\":\"EUR\"}"u8.ToArray()), "Content-Type"), // no Content-Type
        };

        foreach (var (url, content, field) in cases)
        {
            var response = await alice.PostWithKeyAsync(url, content, "k-" + Guid.NewGuid().ToString("N"));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} with {await content.ReadAsStringAsync()}: {(int)response.StatusCode}");
            Assert.Equal(field, await response.ProblemFieldAsync());
        }

        Assert.DoesNotContain(api.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task TransferAsync_UnknownCurrency_BadRequestNamingCurrency()
    {
        var (alice, from, to, _) = await SetUpAsync();

        var response = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = "1.00", currency = "XYZ" }, "k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("currency", await response.ProblemFieldAsync());
        Assert.Equal("100.00", await alice.BalanceAsync(from));
    }

    [Fact]
    public async Task TransferAsync_SameAccount_BadRequestNamingTo()
    {
        var (alice, from, _, _) = await SetUpAsync();

        var response = await alice.PostWithKeyAsync("/transfers", new { from, to = from, amount = 1 }, "k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("to", await response.ProblemFieldAsync());
    }

    [Theory]
    [InlineData("from")]
    [InlineData("to")]
    public async Task TransferAsync_UnknownAccount_NotFoundNamingIt(string side)
    {
        var (alice, from, to, _) = await SetUpAsync();
        const string unknown = "9999999999999999";

        var response = await alice.PostWithKeyAsync(
            "/transfers", new { from = side == "from" ? unknown : from, to = side == "to" ? unknown : to, amount = 1 }, "k");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(side, await response.ProblemFieldAsync());
    }

    [Fact]
    public async Task TransferAsync_DestinationInOtherCurrency_UnprocessableNamingTo()
    {
        var (alice, from, _, _) = await SetUpAsync();
        var dollars = await alice.OpenAccountAsync("USD");

        var response = await alice.PostWithKeyAsync("/transfers", new { from, to = dollars, amount = 1 }, "k");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("to", await response.ProblemFieldAsync());
    }

    [Fact]
    public async Task TransferAsync_BodyCurrencyDiffers_UnprocessableNamingCurrency()
    {
        var (alice, from, to, _) = await SetUpAsync();

        var response = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = 1, currency = "USD" }, "k");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("currency", await response.ProblemFieldAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has space")]
    public async Task TransferAsync_MissingOrBadIdempotencyKey_BadRequestNamingTheHeader(string? key)
    {
        var (alice, from, to, _) = await SetUpAsync();

        var response = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = 1 }, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Idempotency-Key", await response.ProblemFieldAsync());
    }

    [Fact]
    public async Task DepositAsync_MoreDecimalsThanTheCurrency_BadRequestNamingAmount()
    {
        var (alice, _, _, teller) = await SetUpAsync();
        var yen = await alice.OpenAccountAsync("JPY");

        var rejected = await teller.PostWithKeyAsync($"/accounts/{yen}/deposits", new { amount = "1.5" }, null);
        var accepted = await teller.PostWithKeyAsync($"/accounts/{yen}/deposits", new { amount = "15" }, null);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("amount", await rejected.ProblemFieldAsync());
        Assert.Equal("15", (await accepted.JsonAsync()).GetProperty("balance").GetString());
    }

    [Fact]
    public async Task DepositAsync_SameKeyOtherAmount_UnprocessableNamingTheKeyAndAppliedOnce()
    {
        var (alice, from, _, teller) = await SetUpAsync();

        var first = await teller.PostWithKeyAsync($"/accounts/{from}/deposits", new { amount = "5" }, "dep-1");
        var repeat = await teller.PostWithKeyAsync($"/accounts/{from}/deposits", new { amount = "5" }, "dep-1");
        var other = await teller.PostWithKeyAsync($"/accounts/{from}/deposits", new { amount = "6" }, "dep-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("Idempotency-Key", await other.ProblemFieldAsync());
        Assert.Equal("105.00", await alice.BalanceAsync(from));
    }

    [Fact]
    public async Task OpenAccountAsync_UnknownCurrency_BadRequestNamingCurrency()
    {
        var api = await servers.GetApiAsync("main");
        var (alice, _) = await api.SignInAsync("customer");

        var response = await alice.PostWithKeyAsync("/accounts", new { currency = "XXX" }, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("currency", await response.ProblemFieldAsync());
    }

    [Fact]
    public async Task WithdrawAsync_MoreThanBalance_ConflictNamingAmount()
    {
        var (alice, from, _, _) = await SetUpAsync();

        var response = await alice.PostWithKeyAsync($"/accounts/{from}/withdrawals", new { amount = "100.01" }, null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("amount", await response.ProblemFieldAsync());
    }

    [Fact]
    public async Task AnyPost_BodyAbove16KiB_PayloadTooLarge()
    {
        var (alice, from, to, _) = await SetUpAsync(kestrel: true);
        var padding = new string('x', 17 * 1024);

        var response = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = 1, padding }, "k");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("100.00", await alice.BalanceAsync(from));
    }

    [Fact]
    public async Task AnyEndpoint_OverTheRateLimit_TooManyRequestsWithRetryAfter()
    {
        var api = await servers.GetApiAsync("rate-limited", rateLimitPermits: 3);
        var (alice, _) = await api.SignInAsync("customer");

        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await alice.GetAsync("/accounts");
            codes.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(HttpClient Alice, string From, string To, HttpClient Teller)> SetUpAsync(bool kestrel = false)
    {
        var api = await servers.GetApiAsync(kestrel ? "kestrel" : "main", kestrel);
        var (alice, _) = await api.SignInAsync("customer");
        var (teller, _) = await api.SignInAsync("teller");
        var from = await alice.OpenAccountAsync();
        var to = await alice.OpenAccountAsync();
        (await teller.PostWithKeyAsync($"/accounts/{from}/deposits", new { amount = "100" }, null)).EnsureSuccessStatusCode();
        return (alice, from, to, teller);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
