using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.Orleans.PostgreSql;
using StackExchange.Redis;

namespace Bank.Grains;

/// <summary>The bank's part of a silo: its grains, the Orleans schema in <c>bankdb</c>, Redis notifications.</summary>
public static class BankSiloHostingExtensions
{
    /// <summary>The connection string name of the bank's database, which holds grain state and reminders.</summary>
    public const string DatabaseName = "bankdb";

    /// <summary>
    /// Runs the bank's grains in this process's silo (<see cref="OrleansDefaults.AddPlatformSilo"/>). Grain storage
    /// <see cref="BankStorage.Name"/> and reminders are the ADO.NET providers on <c>bankdb</c>, configured by Aspire
    /// (<c>Orleans:GrainStorage:bank:*</c>, <c>Orleans:Reminders:*</c>); the Orleans schema is applied to <c>bankdb</c>
    /// before the silo starts. With a Redis connection (<c>ConnectionStrings:redis</c>) every account change refreshes
    /// the cache and is published; Redis may be down without harm.
    /// </summary>
    /// <param name="builder">The host's builder.</param>
    /// <param name="configure">More silo settings (tests: storage, hooks).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHostApplicationBuilder AddBankSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redis = builder.AddBankRedis();
        builder.Services.AddOrleansPostgreSqlSchema(DatabaseName);
        builder.Services.AddOpenTelemetryTracingSource("Npgsql");   // the SQL of each grain's reads and writes, in its call's trace
        builder.Services.AddOpenTelemetryMeter(BankMetrics.MeterName);
        builder.AddPlatformSilo(silo =>
        {
            silo.AddBankGrains();
            if (redis)
            {
                silo.AddBankRedisNotifications();
            }

            configure?.Invoke(silo);
        });
        return builder;
    }

    /// <summary>
    /// The process's Redis connection through Aspire's client integration, when <c>ConnectionStrings:redis</c> is set
    /// and no connection is registered yet (the cluster's is shared): it never blocks start-up on Redis and fails fast
    /// while Redis is away. Redis is optional for the bank (caches and events), so it gets no health check: a Redis
    /// outage must not mark the bank unhealthy. A repeated call is harmless.
    /// </summary>
    /// <returns>True when Redis is configured.</returns>
    public static bool AddBankRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddClusteringRedis();
        if (builder.Configuration.GetConnectionString("redis") is not { Length: > 0 })
        {
            return false;
        }

        if (!builder.Services.Any(d => !d.IsKeyedService && d.ServiceType == typeof(IConnectionMultiplexer)))
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
