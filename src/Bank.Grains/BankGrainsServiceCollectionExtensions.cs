using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Storage;
using Platform.Orleans.Defaults;

namespace Bank.Grains;

/// <summary>Registers what the bank's grains need in a silo.</summary>
public static class BankGrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services of the bank's grains (Orleans finds the grains themselves in this assembly). Grain storage named
    /// <see cref="BankStorage.Name"/> and a reminder service must be configured too.
    /// </summary>
    public static ISiloBuilder AddBankGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<BankOptions>().BindConfiguration("Bank");
        silo.Services.TryAddSingleton<IAccountNotifier, NullAccountNotifier>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<BankMetrics>();
        silo.Services.TryAddSingleton(sp => new StatementArchive(sp.GetRequiredKeyedService<IGrainStorage>(BankStorage.Name)));
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(BankStorage.Name).PostConfigure(o => o.GrainStorageSerializer = PlainJsonGrainStorageSerializer.Instance);
        return silo;
    }

    /// <summary>
    /// Refreshes the cache and publishes account events through Redis: the <see cref="StackExchange.Redis.IConnectionMultiplexer"/>
    /// that <see cref="BankSiloHostingExtensions.AddBankRedis"/> registers.
    /// </summary>
    public static ISiloBuilder AddBankRedisNotifications(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.Replace(ServiceDescriptor.Singleton<IAccountNotifier, RedisAccountNotifier>());
        return silo;
    }
}
