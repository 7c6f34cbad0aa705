using System.Net;
using Platform.Tests.Shared;

namespace AppHost.Tests;

/// <summary>The AppHost as `dotnet run --project AppHost` runs it, started through Aspire's testing builder.</summary>
public sealed class AppHostRunTests
{
    // What a whole run starts: DCP, the local servers and the bank's projects (their program names as /proc shows them).
    private static readonly string[] Programs = ["dcp", "redis-server", "postgres", "Bank.Silo", "Bank.Api"];

    [Fact]
    public async Task AppHost_RunThenDisposed_EveryResourceHealthyApiAnswersAndNoProcessLeftBehind()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var before = ProcessTable.Find(IsOurs);
        var data = TestFolders.CreateServerData("apphost-run-");

        IReadOnlyDictionary<int, string> started;
        await using (var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(timeout.Token))
        {
            builder.Configuration["LocalServers:DataDirectory"] = data.FullName;
            await using var app = await builder.BuildAsync(timeout.Token);
            await app.StartAndWaitHealthyAsync(["redis", "postgres", "bankdb", "silo", "api"], TimeSpan.FromMinutes(3), timeout.Token);

            Assert.Equal(3, (await app.InstancesOfAsync("silo", timeout.Token)).Count);
            using var http = app.CreateHttpClient("api");
            using var health = await http.GetAsync("/health", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            // The Orleans dashboard is one of the API's links in the Aspire dashboard, and asks for the admin token.
            var api = await app.ResourceNotifications.WaitForResourceAsync("api", e => e.Snapshot.Urls.Any(u => u.Url.EndsWith("/orleans/", StringComparison.Ordinal)), timeout.Token);
            var orleans = api.Snapshot.Urls.Single(u => u.Url.EndsWith("/orleans/", StringComparison.Ordinal));
            Assert.Equal("Orleans dashboard (admin token as password)", orleans.DisplayProperties.DisplayName);
            using var dashboard = await http.GetAsync(new Uri(orleans.Url).PathAndQuery, timeout.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);

            started = ProcessTable.Find(IsOurs).Where(p => !before.ContainsKey(p.Key)).ToDictionary();
            foreach (var program in Programs)
            {
                Assert.Contains(program, started.Values);
            }
        }

        // DCP stops what it started once the app is disposed; give it a moment, never forever.
        var left = started;
        for (var attempt = 0; attempt < 60 && left.Count > 0; attempt++)
        {
            await Task.Delay(500, timeout.Token);
            var now = ProcessTable.Find(IsOurs);
            left = started.Where(p => now.TryGetValue(p.Key, out var name) && name == p.Value).ToDictionary();
        }

        Assert.True(left.Count == 0, $"still running after the app was disposed: {string.Join(", ", left.Select(p => $"{p.Value} ({p.Key})"))}");
        data.Delete(recursive: true);
    }

    private static bool IsOurs(string program) => Programs.Any(program.StartsWith);
}
