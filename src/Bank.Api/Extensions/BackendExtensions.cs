using Bank.Grains;
using Platform.Actors;
using Platform.Actors.PostgreSql;
using StackExchange.Redis;

namespace Bank.Api.Extensions;

internal static class BackendExtensions
{
    /// <summary>
    /// The grains the API talks to (only through <see cref="IGrainFactory"/>). Until the cluster client exists this
    /// co-hosts a silo in the API process; when it lands, this becomes the cluster client and the rest stays.
    /// </summary>
    public static IHostApplicationBuilder AddBankBackend(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection();
        builder.UseActors(actors =>
        {
            actors.AddBankGrains();
            if (builder.Configuration.GetConnectionString("redis") is not null)
            {
                actors.AddBankRedisNotifications();
            }
        });
        builder.AddPostgreSqlGrainStorage("bankdb", BankStorage.Name);
        builder.AddPostgreSqlReminderTable("bankdb");
        return builder;
    }

    /// <summary>One multiplexer for the process, when <c>ConnectionStrings:redis</c> is set. It never blocks start-up on Redis.</summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("redis");
        if (connectionString is not null)
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2_000;
            options.SyncTimeout = 1_000;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        }

        return builder;
    }
}
