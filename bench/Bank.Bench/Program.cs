using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Hosting.Servers;

// End-to-end transfers through the API (real Kestrel, co-hosted silo, PostgreSQL state, Redis cache and events)
// at a fixed concurrency and at a fixed arrival rate, beside pgbench (TPC-B-like) against the same PostgreSQL; then
// balance reads through the API beside a bare ASP.NET Core endpoint and redis-benchmark GET on the same Redis.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
const int Concurrency = 16;
const int Rate = 100;
const string Admin = "bank_bench-admin";

await using var postgres = await LocalPostgresServer.StartAsync();
await using var redis = await LocalRedisServer.StartAsync();
await postgres.CreateDatabaseAsync("bank");
// Not a test project, so no MvcTestingAppManifest.json: tell WebApplicationFactory where the API's content root is.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BANK_API", AppContext.BaseDirectory);
await using var api = new BenchApi(postgres.GetConnectionString("bank"), redis.ConnectionString);
api.UseKestrel(0);
api.StartServer();
using var http = api.CreateClient();

var admin = Client(Admin);
var teller = Client(await IssueAsync("teller"));
var accounts = new List<string>();
for (var i = 0; i < 64; i++)
{
    var customer = Client(await IssueAsync("customer"));
    var opened = await customer.PostAsJsonAsync("/accounts", new { currency = "EUR" });
    var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    (await teller.PostAsJsonAsync($"/accounts/{id}/deposits", new { amount = "100000" })).EnsureSuccessStatusCode();
    accounts.Add(id);
}

var next = 0;
async Task<double> TransferAsync()
{
    var n = Interlocked.Increment(ref next);
    var from = accounts[n % accounts.Count];
    var to = accounts[(n * 7 + 1) % accounts.Count];
    to = to == from ? accounts[(n + 1) % accounts.Count] : to;
    using var request = new HttpRequestMessage(HttpMethod.Post, "/transfers") { Content = JsonContent.Create(new { from, to, amount = "0.01" }) };
    request.Headers.Add("Idempotency-Key", "bench-" + n.ToString(CultureInfo.InvariantCulture));
    var started = Stopwatch.GetTimestamp();
    using var response = await teller.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

for (var i = 0; i < 200; i++)
{
    await TransferAsync();   // warm-up
}

var latencies = await ClosedLoopAsync(TransferAsync);
var closedTps = latencies.Count / (double)seconds;
Print($"API transfers, {Concurrency} callers", closedTps, latencies, "transfers");

// Open loop: a new transfer every 1/Rate s whatever the answers; latency includes queueing.
var open = new List<Task<double>>();
var start = Stopwatch.GetTimestamp();
for (var i = 0; i < Rate * seconds; i++)
{
    var due = start + (long)(i * Stopwatch.Frequency / (double)Rate);
    while (Stopwatch.GetTimestamp() < due)
    {
        await Task.Delay(1);
    }

    open.Add(Task.Run(TransferAsync));
}

var openLatencies = (await Task.WhenAll(open)).ToList();
Print($"API transfers, {Rate}/s arrival", Rate, openLatencies, "transfers");

// Baseline: pgbench's TPC-B-like transaction (3 UPDATEs, 1 SELECT, 1 INSERT) against the same server.
var pgTps = PgBench(postgres, Concurrency, seconds);
Console.WriteLine($"pgbench -c {Concurrency} -T {seconds}: {pgTps:F0} tps");
Console.WriteLine($"ratio API transfers / pgbench transactions at {Concurrency} clients: {closedTps / pgTps:F3}");

// Reads: a balance through the API (authentication, the Redis rate-limit script, the Redis cache) against the cheapest
// possible ASP.NET Core answer of the same shape over the same client, and against Redis alone.
var reads = 0;
async Task<double> ReadAsync(HttpClient client, string prefix)
{
    var account = accounts[Interlocked.Increment(ref reads) % accounts.Count];
    var started = Stopwatch.GetTimestamp();
    using var response = await client.GetAsync(new Uri(prefix + "/accounts/" + account, UriKind.RelativeOrAbsolute));
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

await using var bare = await BareEndpointAsync();
using var bareClient = new HttpClient();
var bareUrl = bare.Urls.First();
for (var i = 0; i < 500; i++)
{
    await ReadAsync(teller, "");
    await ReadAsync(bareClient, bareUrl);
}

var apiReads = await ClosedLoopAsync(() => ReadAsync(teller, ""));
Print($"API balance reads, {Concurrency} callers", apiReads.Count / (double)seconds, apiReads, "reads");
var bareReads = await ClosedLoopAsync(() => ReadAsync(bareClient, bareUrl));
Print($"baseline: bare ASP.NET Core endpoint, {Concurrency} callers", bareReads.Count / (double)seconds, bareReads, "reads");
var redisGets = RedisBenchmark(redis, Concurrency);
Console.WriteLine($"baseline: redis-benchmark GET -c {Concurrency}: {redisGets:F0} requests/s");
Console.WriteLine($"ratio API reads / bare endpoint at {Concurrency} clients: {apiReads.Count / (double)bareReads.Count:F3}");

// Closed loop: Concurrency callers, each sending the next request when the last one answered.
async Task<List<double>> ClosedLoopAsync(Func<Task<double>> operation)
{
    var all = new List<double>();
    var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
    {
        var mine = new List<double>();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            mine.Add(await operation());
        }

        lock (all)
        {
            all.AddRange(mine);
        }
    })));
    return all;
}

HttpClient Client(string token)
{
    var client = api.CreateClient();
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

async Task<string> IssueAsync(string role)
{
    var response = await admin.PostAsJsonAsync("/admin/tokens", new { subject = role + "-" + Guid.NewGuid().ToString("N")[..8], role });
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
}

static void Print(string name, double perSecond, List<double> latencies, string what)
{
    latencies.Sort();
    double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, q * latencies.Count)];
    Console.WriteLine($"{name}: {perSecond:F0} {what}/s, p50 {P(0.50):F2} ms, p99 {P(0.99):F2} ms ({latencies.Count} {what})");
}

static async Task<WebApplication> BareEndpointAsync()
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    var app = builder.Build();
    app.MapGet("/accounts/{id}", (string id) => new { id, ownerId = "customer-0000", currency = "EUR", balance = "1000.00", version = 2 });
    await app.StartAsync();
    return app;
}

static double RedisBenchmark(LocalRedisServer redis, int clients)
{
    var start = new ProcessStartInfo("redis-benchmark", $"-h 127.0.0.1 -p {redis.Port} -a {redis.Password} -t get -c {clients} -n 200000 -q")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    // "GET: 81234.56 requests per second, p50=0.103 msec"; the last progress line is the summary.
    var summary = output.Split('\r', '\n').Last(l => l.StartsWith("GET: ", StringComparison.Ordinal) && l.Contains("requests per second", StringComparison.Ordinal));
    return double.Parse(summary["GET: ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
}

static double PgBench(LocalPostgresServer postgres, int clients, int seconds)
{
    string Run(string arguments)
    {
        var start = new ProcessStartInfo("pgbench", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PGPASSWORD"] = postgres.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    var common = $"-h 127.0.0.1 -p {postgres.Port} -U {postgres.UserName}";
    Run($"-i -s 1 {common} bank");
    var result = Run($"-c {clients} -j 2 -T {seconds} {common} bank");
    var line = result.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
    return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
}

internal sealed class BenchApi(string bankDb, string redis) : WebApplicationFactory<Bank.Api.Apis.AccountResponse>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:bankdb", bankDb);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Bank:AdminToken", "bank_bench-admin");
        builder.UseSetting("Bank:RateLimitPermits", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
