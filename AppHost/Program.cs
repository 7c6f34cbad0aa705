using AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: the OS's redis-server and postgres as local processes (Aspire's containers when publishing).
var redis = builder.AddLocalRedis("redis");
var bankDb = builder.AddLocalPostgres("postgres").WithPersistentData().AddDatabase("bankdb");

// Secrets: generated once, kept in the AppHost's user secrets.
var clusterSecret = builder.AddParameter("actors-cluster-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var adminToken = builder.AddBankAdminToken();

// The bank: a cluster of silos holding the account grains, and the API in front of it. Both take connection strings
// only: the extra connection properties Aspire would add carry URI-encoded passwords, a manifest type azd rejects.
var silo = builder.AddProject<Projects.Bank_Silo>("silo")
    .WithReplicas(3)
    .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
    .WithActorsCluster("bank", clusterSecret)
    .WithHttpHealthCheck("/health")
    .WithReference(bankDb).WaitFor(bankDb)
    .WithReference(redis).WaitFor(redis);

builder.AddProject<Projects.Bank_Api>("api")
    .WithExternalHttpEndpoints()
    .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
    .WithActorsClusterClient("bank", clusterSecret)
    .WithEnvironment("Bank__AdminToken", adminToken)
    .WithHttpHealthCheck("/health")
    .WithReference(bankDb).WaitFor(bankDb)
    .WithReference(redis).WaitFor(redis)
    .WaitFor(silo);

builder.Build().Run();
