using Bank.Grains;
using Platform.Actors;
using Platform.Actors.PostgreSql;

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
        builder.AddBankRedis();
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
}
