using Bank.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Actors;
using Platform.Actors.PostgreSql;

namespace Bank.Tests.Infrastructure;

/// <summary>An in-process silo with the bank's grains on real PostgreSQL storage and reminders.</summary>
public sealed class BankSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BankSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BankSilo> StartAsync(
        string connectionString, ITransferStepHook? hook = null, Action<BankOptions>? configure = null, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseActors(actors => actors
            .Configure(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100))
            .AddBankGrains());
        builder.Services.Configure<BankOptions>(o =>
        {
            o.TransferResumePeriod = TimeSpan.FromMilliseconds(300);
            configure?.Invoke(o);
        });
        builder.Services.AddPostgreSqlGrainStorage(BankStorage.Name, connectionString);
        builder.Services.AddPostgreSqlReminderTable(connectionString);
        if (hook is not null)
        {
            builder.Services.AddSingleton(hook);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new BankSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
