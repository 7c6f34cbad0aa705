using Bank.Grains;
using Platform.Actors;
using Platform.Actors.PostgreSql;
using StackExchange.Redis;

namespace Bank.Api.Extensions;

internal static class BackendExtensions
{
    /// <summary>
    /// The grains the API talks to, only ever through <see cref="IGrainFactory"/>: with <c>Actors:ClusterSecret</c> set,
    /// a cluster client of the silos (membership in <c>bankdb</c>); without it (development, in-process tests) the API
    /// co-hosts the same single silo Bank.Silo would run.
    /// </summary>
    public static IHostApplicationBuilder AddBankBackend(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection();
        if (BankSiloHostingExtensions.IsClustered(builder))
        {
            builder.UseActorsClient();
            builder.Services.AddPostgreSqlMembershipTable(o => o.ConnectionName = "bankdb");
            // The grain type names come from the implementations' generated registrations.
            Platform.Actors.CodeGeneration.GeneratedCodeRegistry.EnsureRegistered(typeof(BankStorage));
        }
        else
        {
            builder.AddBankSilo();
        }

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
