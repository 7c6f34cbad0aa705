using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

// One real app shared by the functional tests of a class: Redis, PostgreSQL with a database, a project with two
// replicas that waits for the database, and a second project that references the first.
public sealed class FullModelFixture : IAsyncLifetime
{
    public const string OtlpEndpoint = "http://127.0.0.1:4318";
    public const string OtlpApiKey = "test-otlp-key";

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Every resource's state right after startup, before any test disturbed it.</summary>
    public IReadOnlyDictionary<string, ResourceStatus> AtStartup { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.Options.OtlpEndpoint = OtlpEndpoint;
        builder.Options.OtlpApiKey = OtlpApiKey;
        builder.Options.InitialRestartDelay = TimeSpan.FromMilliseconds(200);

        var cache = builder.AddRedis("cache");
        var db = builder.AddPostgres("pg").AddDatabase("bankdb");
        var api = builder.AddProject<Projects.EnvReporter>("api")
            .WithReplicas(2)
            .WithHttpHealthCheck("/health")
            .WithReference(db).WaitFor(db)
            .WithReference(cache).WaitFor(cache)
            .WithEnvironment("CUSTOM_SETTING", "custom-value");
        builder.AddProject<Projects.EnvReporter>("consumer")
            .WithHttpHealthCheck("/health")
            .WithReference(api).WaitFor(api);

        App = await builder.BuildAsync();
        await App.StartAsync(TestTimeout.Token());
        foreach (var name in new[] { "cache", "pg", "bankdb", "api", "consumer" })
        {
            await App.WaitForResourceHealthyAsync(name, TestTimeout.Token());
        }

        AtStartup = App.ResourceNotifications.GetResources().ToDictionary(s => s.Name);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
