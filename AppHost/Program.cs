var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: real servers from the OS packages, on loopback ports with generated passwords.
var cache = builder.AddRedis("cache");
var postgres = builder.AddPostgres("postgres").WithDataVolume();
var bankDb = postgres.AddDatabase("bankdb");

// The bank silo and the API join in a later issue:
// var silo = builder.AddProject<Projects.Silo>("silo").WithReplicas(3)
//     .WithReference(bankDb).WaitFor(bankDb)
//     .WithReference(cache).WaitFor(cache);
// builder.AddProject<Projects.Api>("api").WithExternalHttpEndpoints().WithHttpHealthCheck("/health")
//     .WithReference(silo).WaitFor(silo)
//     .WithReference(cache);
builder.Build().Run();
