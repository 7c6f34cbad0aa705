using Microsoft.Extensions.Configuration;
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
        var redis = builder.AddBankRedis();

        builder.UseActors(actors =>
        {
            actors.AddBankGrains();
            if (redis)
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

    /// <summary>
    /// The process's Redis multiplexer through Aspire's client integration, when <c>ConnectionStrings:redis</c> is set:
    /// it never blocks start-up on Redis and fails fast while Redis is away. Redis is optional for the bank (caches and
    /// events), so it gets no health check: a Redis outage must not mark the bank unhealthy. A repeated call is harmless.
    /// </summary>
    /// <returns>True when Redis is configured.</returns>
    public static bool AddBankRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetConnectionString("redis") is null)
        {
            return false;
        }

        if (!builder.Services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            builder.AddRedisClient(
                "redis",
                settings => settings.DisableHealthChecks = true,
                options =>
                {
                    options.AbortOnConnectFail = false;
                    options.ConnectTimeout = 2_000;
                    options.SyncTimeout = 1_000;
                });
        }

        return true;
    }
}
