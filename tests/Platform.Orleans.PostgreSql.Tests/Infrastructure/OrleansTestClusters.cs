using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Platform.Orleans.PostgreSql.Tests.Infrastructure;

/// <summary>
/// Orleans test clusters on the official ADO.NET providers against a real PostgreSQL: clustering, grain storage
/// ("pg"; "pg-delete" with DeleteStateOnClear; "pg-collide" whose hashes all collide) and reminders. The silos apply the schema themselves through
/// <see cref="OrleansPostgreSqlSchemaServiceCollectionExtensions.AddOrleansPostgreSqlSchema(IServiceCollection, string)"/>.
/// </summary>
public static class OrleansTestClusters
{
    public const string ConnectionName = "orleansdb";
    public const string Invariant = "Npgsql";
    public const string Storage = "pg";
    public const string DeletingStorage = "pg-delete";
    public const string CollidingStorage = "pg-collide";

    public static async Task<TestCluster> StartAsync(string connectionString, string serviceId, short silos = 1, string? clusterId = null)
    {
        var builder = new TestClusterBuilder(silos);
        // The point of these tests: membership in the ADO.NET table, not TestingHost's in-memory one.
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = clusterId ?? "cluster-" + Guid.NewGuid().ToString("N")[..8];
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[$"ConnectionStrings:{ConnectionName}"] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public static string ConnectionStringOf(IConfiguration configuration)
        => configuration.GetConnectionString(ConnectionName) ?? throw new InvalidOperationException("No test connection string.");
}

public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = OrleansTestClusters.ConnectionStringOf(siloBuilder.Configuration);
        // Registered after UseOrleans (TestingHost adds the silo first): the schema must still be applied before it starts.
        siloBuilder.Services.AddOrleansPostgreSqlSchema(OrleansTestClusters.ConnectionName);
        siloBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansTestClusters.Invariant;
            o.ConnectionString = connectionString;
        });
        siloBuilder.AddAdoNetGrainStorage(OrleansTestClusters.Storage, o =>
        {
            o.Invariant = OrleansTestClusters.Invariant;
            o.ConnectionString = connectionString;
        });
        siloBuilder.AddAdoNetGrainStorage(OrleansTestClusters.DeletingStorage, o =>
        {
            o.Invariant = OrleansTestClusters.Invariant;
            o.ConnectionString = connectionString;
            o.DeleteStateOnClear = true;
        });
        siloBuilder.AddAdoNetGrainStorage(OrleansTestClusters.CollidingStorage, o =>
        {
            o.Invariant = OrleansTestClusters.Invariant;
            o.ConnectionString = connectionString;
            o.HashPicker = new CollidingHashPicker();
        });
        siloBuilder.UseAdoNetReminderService(o =>
        {
            o.Invariant = OrleansTestClusters.Invariant;
            o.ConnectionString = connectionString;
        });
        siloBuilder.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
    }
}

public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    // The client finds the gateways through GatewaysQueryKey.
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        => clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansTestClusters.Invariant;
            o.ConnectionString = OrleansTestClusters.ConnectionStringOf(configuration);
        });
}
