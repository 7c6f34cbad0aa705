using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Actors;
using Platform.Actors.PostgreSql;
using StackExchange.Redis;

namespace Bank.Grains;

/// <summary>
/// The bank silo in one call: grains, PostgreSQL state, reminders and membership (<c>ConnectionStrings:bankdb</c>),
/// Redis notifications (<c>ConnectionStrings:redis</c>).
/// </summary>
public static class BankSiloHostingExtensions
{
    /// <summary>
    /// Runs the bank's grains in this process. With <c>Actors:ClusterSecret</c> set it joins the cluster
    /// (<c>Actors:ClusterId</c>, membership in PostgreSQL); without it, it is a single silo (development and tests).
    /// Grain state and reminders live in PostgreSQL; Redis, when configured, gets cache refreshes and account events
    /// (and may be down without harm).
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

            if (IsClustered(builder))
            {
                actors.UseCluster();
            }

            configure?.Invoke(actors);
        });
        if (IsClustered(builder))
        {
            builder.Services.AddPostgreSqlMembershipTable(o => o.ConnectionName = "bankdb");
        }

        builder.AddPostgreSqlGrainStorage("bankdb", BankStorage.Name);
        builder.AddPostgreSqlReminderTable("bankdb");
        return builder;
    }

    /// <summary>True when <c>Actors:ClusterSecret</c> is configured: this process is part of a cluster.</summary>
    public static bool IsClustered(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return !string.IsNullOrEmpty(builder.Configuration["Actors:ClusterSecret"]);
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
