using AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: real servers from the OS packages, on loopback ports with generated passwords.
var redis = builder.AddRedis("redis");
var postgres = builder.AddPostgres("postgres").WithDataVolume();
var bankDb = postgres.AddDatabase("bankdb");

// Secrets: generated per run unless Parameters:{name} is set (user secrets, environment).
var clusterSecret = builder.AddParameter("actors-cluster-secret", secret: true);

// The bank: a cluster of silos holding the account grains, and the API in front of it.
var silo = builder.AddProject<Projects.Bank_Silo>("silo")
    .WithReplicas(3)
    .WithActorsCluster("bank", clusterSecret)
    .WithHttpHealthCheck("/health")
    .WithReference(bankDb).WaitFor(bankDb)
    .WithReference(redis).WaitFor(redis);

builder.AddProject<Projects.Bank_Api>("api")
    .WithExternalHttpEndpoints()
    .WithActorsClusterClient("bank", clusterSecret)
    .WithBankAdminToken(builder.Configuration)
    .WithHttpHealthCheck("/health")
    .WithReference(bankDb).WaitFor(bankDb)
    .WithReference(redis).WaitFor(redis)
    .WaitFor(silo);

builder.Build().Run();
