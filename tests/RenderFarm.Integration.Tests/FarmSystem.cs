using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Tests.Shared;

namespace RenderFarm.Integration.Tests;

/// <summary>
/// The AppHost's model started as real processes through Aspire's testing builder, with a known admin token, a data
/// folder of its own, one render slot per farm silo (three silos on two cores are busy enough), and a client of the
/// farm's API.
/// </summary>
internal sealed class FarmSystem : IAsyncDisposable
{
    public const string AdminToken = "farm_integration-admin-token";

    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly DirectoryInfo _data;

    private FarmSystem(IDistributedApplicationTestingBuilder builder, DistributedApplication app, HttpClient http, DirectoryInfo data)
    {
        _builder = builder;
        _data = data;
        App = app;
        Http = http;
        Admin = new FarmClient(http, AdminToken);
    }

    public DistributedApplication App { get; }

    public HttpClient Http { get; }

    public FarmClient Admin { get; }

    public static async Task<FarmSystem> StartAsync(CancellationToken cancellationToken, int slots = 1)
    {
        var data = TestFolders.CreateServerData("farm-system-");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [], (options, _) => options.DisableDashboard = true, cancellationToken);
        builder.Configuration["Parameters:bank-admin-token"] = AdminToken;
        builder.Configuration["LocalServers:DataDirectory"] = data.FullName;
        builder.Services.AddLogging(logging => logging
            .AddSimpleConsole()
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        var silo = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "farm-silo");
        silo.Annotations.Add(new EnvironmentCallbackAnnotation(env => env["Farm__Slots"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAndWaitHealthyAsync(["farm"], TimeSpan.FromMinutes(4), cancellationToken);
        return new FarmSystem(builder, app, app.CreateHttpClient("farm"), data);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await _builder.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
