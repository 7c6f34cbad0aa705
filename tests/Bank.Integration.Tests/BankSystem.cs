using Platform.Tests.Shared;

namespace Bank.Integration.Tests;

/// <summary>
/// The AppHost's model started as real processes through Aspire's testing builder, with a known admin token, a data
/// folder of its own and a client of the API.
/// </summary>
internal sealed class BankSystem(AppHostSystem system, HttpClient http) : IAsyncDisposable
{
    private const string AdminToken = "bank_integration-admin-token";

    public DistributedApplication App => system.App;

    public HttpClient Http { get; } = http;

    public BankClient Admin { get; } = new(http, AdminToken);

    public static async Task<BankSystem> StartAsync(bool withDashboard, CancellationToken cancellationToken)
    {
        var system = await AppHostSystem.StartAsync(
            new AppHostSetup("bank-system-", ["api"], TimeSpan.FromMinutes(3))
            {
                Dashboard = withDashboard,
                AdminToken = AdminToken,
                // The bank's faults are tested on the bank alone: the render farm's five processes (tests/RenderFarm.Integration.Tests
                // run them) would only slow the bank on a small machine and mix their start-up into its measured recoveries.
                Without = ["farm", "farm-silo", "farmdb"],
            },
            cancellationToken);
        return new BankSystem(system, system.App.CreateHttpClient("api"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await system.DisposeAsync();
    }
}
