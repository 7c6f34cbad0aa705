using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Actors;
using Platform.Actors.Storage;

namespace Bank.Grains;

/// <summary>Registers what the bank's grains need in a silo.</summary>
public static class BankGrainsServiceCollectionExtensions
{
    /// <summary>Loads the bank's grains and their services; storage named <see cref="BankStorage.Name"/> and a reminder table must be registered too.</summary>
    public static ActorsBuilder AddBankGrains(this ActorsBuilder actors)
    {
        ArgumentNullException.ThrowIfNull(actors);
        actors.AddGrainsFrom<AccountGrain>();
        actors.Services.AddOptions<BankOptions>().BindConfiguration("Bank");
        actors.Services.TryAddSingleton<IAccountNotifier, NullAccountNotifier>();
        actors.Services.TryAddSingleton(TimeProvider.System);
        actors.Services.TryAddSingleton(sp => new StatementArchive(sp.GetRequiredKeyedService<IGrainStorage>(BankStorage.Name)));
        return actors;
    }

    /// <summary>Refreshes the cache and publishes account events through Redis (register an <see cref="StackExchange.Redis.IConnectionMultiplexer"/>).</summary>
    public static ActorsBuilder AddBankRedisNotifications(this ActorsBuilder actors)
    {
        ArgumentNullException.ThrowIfNull(actors);
        actors.Services.Replace(ServiceDescriptor.Singleton<IAccountNotifier, RedisAccountNotifier>());
        return actors;
    }
}
