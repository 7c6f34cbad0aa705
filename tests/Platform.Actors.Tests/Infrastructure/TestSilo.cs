using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Actors.Reminders;
using Platform.Actors.Storage;

namespace Platform.Actors.Tests.Infrastructure;

/// <summary>A real generic host running the actor runtime in this process (one silo).</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host)
    {
        _host = host;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a silo with in-memory storage ("Default") and reminders unless <paramref name="configureServices"/> registers its own.</summary>
    public static async Task<TestSilo> StartAsync(Action<ActorsOptions>? options = null, Action<IServiceCollection>? configureServices = null, Action<ActorsBuilder>? actors = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseActors(a =>
        {
            a.Configure(o =>
            {
                o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100);
                options?.Invoke(o);
            });
            actors?.Invoke(a);
        });
        if (configureServices is null)
        {
            builder.Services.AddInMemoryGrainStorage();
            builder.Services.AddInMemoryReminderTable();
        }
        else
        {
            configureServices(builder.Services);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
