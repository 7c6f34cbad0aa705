using Bank.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Platform.Orleans.PostgreSql;

namespace Bank.Tests.Infrastructure;

/// <summary>
/// The bank's grains in an Orleans in-process test cluster, on the official ADO.NET grain storage and reminders over a
/// real PostgreSQL database (the project's schema applied by the silo, as in production).
/// </summary>
public sealed class BankSilo : IAsyncDisposable
{
    private BankSilo(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public static async Task<BankSilo> StartAsync(
        string connectionString, ITransferStepHook? hook = null, Action<BankOptions>? configure = null, TimeProvider? time = null, short silos = 1)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        // Grain state and reminders are keyed by the service id: a restarted cluster on the same database must find them.
        builder.Options.ServiceId = "bank";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddOrleansPostgreSqlSchema(_ => connectionString);
            silo.AddAdoNetGrainStorage(BankStorage.Name, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
            silo.AddBankGrains();
            silo.Services.Configure<BankOptions>(o =>
            {
                o.TransferResumePeriod = TimeSpan.FromMilliseconds(300);
                configure?.Invoke(o);
            });
            if (hook is not null)
            {
                silo.Services.AddSingleton(hook);
            }

            if (time is not null)
            {
                silo.Services.AddSingleton(time);
            }
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new BankSilo(cluster);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
