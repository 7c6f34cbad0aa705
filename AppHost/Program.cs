using AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: the OS's redis-server and postgres as local processes (Aspire's containers when publishing).
var redis = builder.AddLocalRedis("redis").WithOrleansProviderType("Redis");
var bankDb = builder.AddLocalPostgres("postgres").WithPersistentData().AddDatabase("bankdb");

// Secrets: generated once, kept in the AppHost's user secrets.
var adminToken = builder.AddBankAdminToken();
var clusterCertificate = builder.AddOrleansClusterCertificate("orleans-certificate");

// The Orleans cluster: membership in Redis; grain state and reminders in PostgreSQL through the ADO.NET providers;
// every link between silos and from clients is TLS pinned to the cluster certificate.
// Fixed ids: grain state is keyed by the service id, so it must not change between runs or deployments.
var orleans = builder.AddOrleans("bank")
    .WithClusterId("bank")
    .WithServiceId("bank")
    .WithClustering(redis)
    .WithGrainStorage("bank", bankDb.AsOrleansAdoNetProvider())
    .WithReminders(bankDb.AsOrleansAdoNetProvider());

// The bank: silos holding the account grains, and the API in front of them as a cluster client. Both take connection
// strings only: the extra connection properties Aspire would add carry URI-encoded passwords, a manifest type azd rejects.
var silo = builder.AddProject<Projects.Bank_Silo>("silo")
    .WithReplicas(3)
    .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
    .WithReference(orleans)
    .WithOrleansClusterCertificate(clusterCertificate)
    .WithLoopbackAdvertisedAddress()
    .WithHttpHealthCheck("/health")
    .WithDeployedHealthProbes()
    .WaitFor(bankDb)
    .WaitFor(redis);

builder.AddProject<Projects.Bank_Api>("api")
    .WithExternalHttpEndpoints()
    .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/orleans/", DisplayText = "Orleans dashboard (admin token as password)" })
    .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
    .WithReference(orleans.AsClient())
    .WithOrleansClusterCertificate(clusterCertificate)
    .WithEnvironment("Bank__AdminToken", adminToken)
    .WithHttpHealthCheck("/health")
    .WithDeployedHealthProbes()
    .WithReference(bankDb).WaitFor(bankDb)
    .WaitFor(redis)
    .WaitFor(silo);

builder.AddRenderFarm(orleans, bankDb, redis, clusterCertificate, adminToken, silo);   // the second sample: AppHost/RenderFarmExtensions.cs

builder.Build().Run();
