using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Actors;
using Platform.Actors.PostgreSql;
using StackExchange.Redis;

namespace Bank.Grains;

/// <summary>The bank silo in one call: grains, PostgreSQL state and reminders (<c>ConnectionStrings:bankdb</c>), Redis notifications (<c>ConnectionStrings:redis</c>).</summary>
public static class BankSiloHostingExtensions
{
    /// <summary>
    /// Runs the bank's grains in this process. Grain state and reminders live in PostgreSQL; Redis, when configured,
    /// gets cache refreshes and account events (and may be down without harm).
    /// </summary>
    public static IHostApplicationBuilder AddBankSilo(this IHostApplicationBuilder builder, Action<ActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redis = builder.Configuration.GetConnectionString("redis");
        if (redis is not null)
        {
            builder.Services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis));
        }

        builder.UseActors(actors =>
        {
            actors.AddBankGrains();
            if (redis is not null)
            {
                actors.AddBankRedisNotifications();
            }

            configure?.Invoke(actors);
        });
        builder.AddPostgreSqlGrainStorage("bankdb", BankStorage.Name);
        builder.AddPostgreSqlReminderTable("bankdb");
        return builder;
    }

    /// <summary>A multiplexer that never blocks start-up on Redis and fails fast while Redis is away.</summary>
    public static IConnectionMultiplexer ConnectRedis(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.SyncTimeout = 1_000;
        return ConnectionMultiplexer.Connect(options);
    }
}
