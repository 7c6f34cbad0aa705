using Bank.Grains;
using Platform.Actors;
using StackExchange.Redis;

namespace Bank.Api.Extensions;

internal static class BackendExtensions
{
    /// <summary>
    /// The grains the API talks to, only ever through <see cref="IGrainFactory"/>. Until the cluster client exists the
    /// API co-hosts a silo (the same one Bank.Silo runs); when it lands, this line becomes the cluster client.
    /// </summary>
    public static IHostApplicationBuilder AddBankBackend(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection();
        builder.AddBankSilo();
        return builder;
    }

    /// <summary>One multiplexer for the process, when <c>ConnectionStrings:redis</c> is set.</summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("redis") is { } connectionString)
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => BankSiloHostingExtensions.ConnectRedis(connectionString));
        }

        return builder;
    }
}
