using Platform.Hosting;
using Platform.Hosting.Testing;

namespace Bank.Integration.Tests;

/// <summary>The AppHost's model started as real processes, with a known admin token and a client of the API.</summary>
internal sealed class BankSystem : IAsyncDisposable
{
    private const string AdminToken = "bank_integration-admin-token";

    private readonly IAsyncDisposable _builder;

    private BankSystem(IAsyncDisposable builder, DistributedApplication app, HttpClient http)
    {
        _builder = builder;
        App = app;
        Http = http;
        Admin = new BankClient(http, AdminToken);
    }

    public DistributedApplication App { get; }

    public HttpClient Http { get; }

    public BankClient Admin { get; }

    public static async Task<BankSystem> StartAsync(bool withDashboard, CancellationToken cancellationToken)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(cancellationToken);
        if (withDashboard)
        {
            builder.WithDashboard();
        }

        builder.Configuration["Parameters:bank-admin-token"] = AdminToken;
        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        await app.WaitForResourceHealthyAsync("api", cancellationToken);
        return new BankSystem(builder, app, app.CreateHttpClient("api"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await _builder.DisposeAsync();
    }
}
