using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Orleans;

namespace Aspire.Hosting;

/// <summary>
/// Orleans' ADO.NET providers (grain storage, reminders, clustering) on a database resource. Aspire's own provider
/// configuration names the provider after the resource's type ("PostgresDatabase") and hands over a service key, neither
/// of which the ADO.NET providers read: they want <c>ProviderType=AdoNet</c>, the driver's <c>Invariant</c> and the
/// connection string's name.
/// </summary>
public static class OrleansAdoNetProviderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, PostgreSQL's driver.</summary>
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>
    /// The database as an Orleans ADO.NET provider: a silo given it gets <c>Orleans:{section}:ProviderType=AdoNet</c>,
    /// <c>Invariant</c> and <c>ConnectionName</c> (the resource's name), and a reference to the database's connection string.
    /// The database needs the providers' schema: see Platform.Orleans.PostgreSql.
    /// </summary>
    /// <param name="database">The database resource.</param>
    /// <param name="invariant">The ADO.NET invariant of its driver; PostgreSQL's by default.</param>
    /// <returns>A provider for <c>WithGrainStorage</c>, <c>WithReminders</c> or <c>WithClustering</c>.</returns>
    /// <example>
    /// <code>
    /// var db = builder.AddPostgres("postgres").AddDatabase("appdb");
    /// builder.AddOrleans("cluster").WithClustering(redis).WithGrainStorage("app", db.AsOrleansAdoNetProvider()).WithReminders(db.AsOrleansAdoNetProvider());
    /// </code>
    /// </example>
    public static IProviderConfiguration AsOrleansAdoNetProvider(this IResourceBuilder<IResourceWithConnectionString> database, string invariant = PostgreSqlInvariant)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(invariant);
        return new AdoNetProvider(database, invariant);
    }

    private sealed class AdoNetProvider(IResourceBuilder<IResourceWithConnectionString> database, string invariant) : IProviderConfiguration
    {
        public void ConfigureResource<T>(IResourceBuilder<T> resourceBuilder, string configSectionPath)
            where T : IResourceWithEnvironment
        {
            var prefix = "Orleans__" + configSectionPath.Replace(":", "__", StringComparison.Ordinal);
            resourceBuilder
                .WithEnvironment($"{prefix}__ProviderType", "AdoNet")
                .WithEnvironment($"{prefix}__Invariant", invariant)
                .WithEnvironment($"{prefix}__ConnectionName", database.Resource.Name)
                .WithReference(database);
        }
    }
}
