using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Storage;
using Microsoft.Extensions.Hosting;
using Platform.Orleans.Defaults;

namespace Bank.Grains;

/// <summary>Registers what the bank's grains need in a silo.</summary>
public static class BankGrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services of the bank's grains (Orleans finds the grains themselves in this assembly) and Orleans transactions.
    /// Grain storage named <see cref="BankStorage.Name"/> and <see cref="BankStorage.Transactions"/> must be configured too.
    /// </summary>
    public static ISiloBuilder AddBankGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseTransactions();
        silo.Services.Configure<TransactionalStateOptions>(ConfigureTransactionTimeouts);
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
    /// Orleans' transaction timeouts, cut so a transfer that a silo's death leaves unfinished releases the accounts it
    /// locked within seconds (docs/cluster.md). With the defaults, an account on a surviving silo that coordinated a
    /// transfer with an account on the dead silo waited the 20 s prepare timeout before aborting, and one that had
    /// prepared under a dead coordinator waited for its 60 s ping: measured, every account served again 20 s after a
    /// kill. A participant that has prepared cannot abort on its own; it waits for its coordinator's confirm, which is
    /// sent again only every confirmation retry delay when the participant's silo died, and meanwhile it ignores the
    /// participant's pings — so that delay, too, is how long a committed transfer's account can stay locked. A transfer prepares and commits in milliseconds, and its caller has given up after the 3 s response
    /// timeout anyway, so waiting longer only holds locks for nobody. Aborting on a timeout is safe: the coordinator
    /// has written no commit record, so no participant has applied anything, and the caller retries under its key.
    /// </summary>
    /// <param name="options">Orleans' transactional state options.</param>
    public static void ConfigureTransactionTimeouts(TransactionalStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PrepareTimeout = TimeSpan.FromSeconds(2);               // default 20 s: the coordinator waits for prepared
        options.LockTimeout = TimeSpan.FromSeconds(2);                  // default 8 s: a lock group held by a dead agent
        options.LockAcquireTimeout = OrleansDefaults.ResponseTimeout;   // default 10 s: waiting past the caller's timeout
        options.RemoteTransactionPingFrequency = TimeSpan.FromSeconds(1); // default 60 s: a prepared participant asks a dead coordinator
        options.ConfirmationRetryDelay = TimeSpan.FromSeconds(1);       // default 30 s: a commit's confirm to a participant that moved
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
