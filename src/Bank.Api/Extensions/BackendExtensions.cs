using Bank.Grains;

namespace Bank.Api.Extensions;

internal static class BackendExtensions
{
    /// <summary>
    /// The grains the API talks to, only ever through <see cref="IGrainFactory"/>: a client of the cluster Aspire
    /// describes (<c>Orleans:Clustering:*</c>, the keys <c>WithReference(orleans.AsClient())</c> gives). Without a
    /// cluster (the API run on its own, in-process tests) it hosts the bank's silo itself, on localhost clustering.
    /// </summary>
    public static IHostApplicationBuilder AddBankBackend(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration["Orleans:Clustering:ProviderType"] is { Length: > 0 })
        {
            builder.AddBankRedis();
            builder.AddPlatformClusterClient();
        }
        else
        {
            // The providers Aspire would configure for a silo, unless set: grain state and reminders in bankdb.
            var defaults = new Dictionary<string, string?>();
            foreach (var section in new[] { $"Orleans:GrainStorage:{BankStorage.Name}", "Orleans:Reminders" })
            {
                if (builder.Configuration[$"{section}:ProviderType"] is null)
                {
                    defaults[$"{section}:ProviderType"] = "AdoNet";
                    defaults[$"{section}:Invariant"] = "Npgsql";
                    defaults[$"{section}:ConnectionName"] = BankSiloHostingExtensions.DatabaseName;
                }
            }

            // One process and no links to other silos or clients: nothing for TLS to protect.
            defaults["Orleans:Tls:Enabled"] = builder.Configuration["Orleans:Tls:Enabled"] ?? "false";
            builder.Configuration.AddInMemoryCollection(defaults);
            builder.AddBankSilo(silo => silo.UseLocalhostClustering());
        }

        return builder;
    }
}
