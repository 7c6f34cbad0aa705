using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Tests.Shared;

namespace Bank.Integration.Tests;

/// <summary>
/// The AppHost's model started as real processes through Aspire's testing builder, with a known admin token, a data
/// folder of its own and a client of the API.
/// </summary>
internal sealed class BankSystem : IAsyncDisposable
{
    private const string AdminToken = "bank_integration-admin-token";

    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly DirectoryInfo _data;

    private BankSystem(IDistributedApplicationTestingBuilder builder, DistributedApplication app, HttpClient http, DirectoryInfo data)
    {
        _builder = builder;
        _data = data;
        App = app;
        Http = http;
        Admin = new BankClient(http, AdminToken);
    }

    public DistributedApplication App { get; }

    public HttpClient Http { get; }

    public BankClient Admin { get; }

    public static async Task<BankSystem> StartAsync(bool withDashboard, CancellationToken cancellationToken)
    {
        var data = TestFolders.CreateServerData("bank-system-");

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [],
            (options, _) => options.DisableDashboard = !withDashboard,
            cancellationToken);
        builder.Configuration["Parameters:bank-admin-token"] = AdminToken;
        // Resources' warnings and errors (a server that failed to start, say) in the test's output.
        builder.Services.AddLogging(logging => logging
            .AddSimpleConsole()
            .SetMinimumLevel(LogLevel.Warning)
            // Failing checks while resources start are expected; WaitForResourceHealthyAsync reports the ones that matter.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        builder.Configuration["LocalServers:DataDirectory"] = data.FullName;
        // The bank's faults are tested on the bank alone: the render farm's five processes (tests/RenderFarm.Integration.Tests
        // run them) would only slow the bank on a small machine and mix their start-up into its measured recoveries.
        foreach (var farm in builder.Resources.Where(resource => resource.Name is "farm" or "farm-silo" or "farmdb").ToList())
        {
            builder.Resources.Remove(farm);
        }

        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAndWaitHealthyAsync(["api"], TimeSpan.FromMinutes(3), cancellationToken);
        return new BankSystem(builder, app, app.CreateHttpClient("api"), data);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await _builder.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
