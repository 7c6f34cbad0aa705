using System.Reflection;
using System.Net.Http.Json;
using Npgsql;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;
using Platform.Hosting.Testing;
using StackExchange.Redis;

namespace Platform.Hosting.Tests;

public sealed class DistributedApplicationTests(FullModelFixture fixture) : IClassFixture<FullModelFixture>
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task GetConnectionStringAsync_PostgresDatabase_ConnectsToTheCreatedDatabase()
    {
        var connectionString = await App.GetConnectionStringAsync("bankdb");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestTimeout.Token());
        await using var command = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS probe (id int); INSERT INTO probe VALUES (42); SELECT current_database() || ':' || (SELECT max(id) FROM probe)", connection);
        Assert.Equal("bankdb:42", await command.ExecuteScalarAsync(TestTimeout.Token()));
        Assert.Matches(@"^Host=127\.0\.0\.1;Port=\d+;Username=postgres;Password=[^;]+;Database=bankdb$", connectionString);
    }

    [Fact]
    public async Task GetConnectionStringAsync_Redis_AuthenticatesWithGeneratedPassword()
    {
        var connectionString = await App.GetConnectionStringAsync("cache");

        using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var database = redis.GetDatabase();
        await database.StringSetAsync("probe", "value");
        Assert.Equal("value", (string?)await database.StringGetAsync("probe"));
        Assert.Matches(@"^127\.0\.0\.1:\d+,password=.+$", connectionString);

        var port = int.Parse(connectionString.Split(',')[0].Split(':')[1]);
        Assert.False(await RedisRecipe.PingAsync(port, "wrong-password"));
    }

    [Fact]
    public async Task StartAsync_Project_BuiltAndRunInTheConfigurationOfItsAppHost()
    {
        // The test assembly plays the AppHost here: a Release test run must run Release services (and reuse their build).
        var expected = typeof(DistributedApplicationTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var endpoint = App.Model.GetResource("consumer").Annotations.OfType<EndpointAnnotation>().Single();
        using var http = new HttpClient();

        var configuration = await http.GetStringAsync(new Uri($"http://127.0.0.1:{endpoint.ReplicaPorts[0]}/build"), TestTimeout.Token());

        Assert.Equal(expected, configuration);
    }

    [Fact]
    public async Task StartAsync_ProjectReplicas_ReceiveTheEnvironmentContract()
    {
        await App.WaitForResourceHealthyAsync("api", TestTimeout.Token());
        var status = App.ResourceNotifications.GetResource("api");
        var endpoint = App.Model.GetResource("api").Annotations.OfType<EndpointAnnotation>().Single();
        var bankdb = await App.GetConnectionStringAsync("bankdb");
        var cache = await App.GetConnectionStringAsync("cache");

        var instanceIds = new List<string>();
        foreach (var replica in status.Replicas)
        {
            var env = await GetEnvironmentAsync(endpoint.ReplicaPorts[replica.Index]);
            Assert.Equal(bankdb, env["ConnectionStrings__bankdb"]);
            Assert.Equal(cache, env["ConnectionStrings__cache"]);
            Assert.Equal("api", env["OTEL_SERVICE_NAME"]);
            Assert.Equal($"service.instance.id={replica.InstanceId}", env["OTEL_RESOURCE_ATTRIBUTES"]);
            Assert.Equal($"http://127.0.0.1:{endpoint.ReplicaPorts[replica.Index]}", env["ASPNETCORE_URLS"]);
            Assert.Equal("Development", env["ASPNETCORE_ENVIRONMENT"]);
            Assert.Equal("Development", env["DOTNET_ENVIRONMENT"]);
            Assert.Equal(FullModelFixture.OtlpEndpoint, env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("http/protobuf", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
            Assert.Equal($"x-otlp-api-key={FullModelFixture.OtlpApiKey}", env["OTEL_EXPORTER_OTLP_HEADERS"]);
            Assert.Equal("1000", env["OTEL_BSP_SCHEDULE_DELAY"]);
            Assert.Equal("1000", env["OTEL_BLRP_SCHEDULE_DELAY"]);
            Assert.Equal("1000", env["OTEL_METRIC_EXPORT_INTERVAL"]);
            Assert.Equal("custom-value", env["CUSTOM_SETTING"]);
            instanceIds.Add(replica.InstanceId);
        }

        Assert.Equal(2, instanceIds.Distinct().Count());
    }

    [Fact]
    public async Task StartAsync_ProjectReferencingProject_ReceivesServiceEndpointOfTheProxy()
    {
        await App.WaitForResourceHealthyAsync("consumer", TestTimeout.Token());
        var consumerPort = App.Model.GetResource("consumer").Annotations.OfType<EndpointAnnotation>().Single().ReplicaPorts[0];
        var api = App.Model.GetResource("api").Annotations.OfType<EndpointAnnotation>().Single();

        var env = await GetEnvironmentAsync(consumerPort);

        Assert.Equal(api.Url, env["services__api__http__0"]);
        Assert.True(api.IsProxied);
        Assert.DoesNotContain(api.AllocatedPort!.Value, api.ReplicaPorts);
        Assert.False(env.ContainsKey("ConnectionStrings__bankdb"));
    }

    [Fact]
    public void StartAsync_WaitForChain_StartsEachResourceOnlyAfterItsDependencyWasHealthy()
    {
        var pg = fixture.AtStartup["pg"];
        var bankdb = fixture.AtStartup["bankdb"];
        var cache = fixture.AtStartup["cache"];
        var api = fixture.AtStartup["api"];
        var consumer = fixture.AtStartup["consumer"];

        Assert.True(bankdb.StartedAt >= pg.HealthyAt, $"bankdb started {bankdb.StartedAt:O}, pg healthy {pg.HealthyAt:O}");
        Assert.All(api.Replicas, r => Assert.True(r.StartedAt >= bankdb.HealthyAt, $"api-{r.Index} started {r.StartedAt:O}, bankdb healthy {bankdb.HealthyAt:O}"));
        Assert.All(api.Replicas, r => Assert.True(r.StartedAt >= cache.HealthyAt));
        Assert.True(consumer.StartedAt >= api.HealthyAt, $"consumer started {consumer.StartedAt:O}, api healthy {api.HealthyAt:O}");
    }

    [Fact]
    public async Task Proxy_TwoReplicas_BothReceiveTraffic()
    {
        await App.WaitForResourceHealthyAsync("api", TestTimeout.Token());
        var expected = App.ResourceNotifications.GetResource("api").Replicas.Select(r => $"service.instance.id={r.InstanceId}").ToHashSet();
        using var client = App.CreateHttpClient("api");
        client.DefaultRequestHeaders.ConnectionClose = true;

        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            seen.Add(await client.GetStringAsync("/", TestTimeout.Token()));
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Crash_ReplicaExitsWithCode3_IsRestartedAndServesAgain()
    {
        await App.WaitForResourceHealthyAsync("api", TestTimeout.Token());
        var before = App.ResourceNotifications.GetResource("api").Replicas[0];
        var port = App.Model.GetResource("api").Annotations.OfType<EndpointAnnotation>().Single().ReplicaPorts[0];
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal("crashing", await client.GetStringAsync("/crash", TestTimeout.Token()));
        var after = await App.ResourceNotifications.WaitForResourceAsync(
            "api", s => s.Replicas[0].RestartCount > before.RestartCount && s.Replicas[0].State == KnownResourceStates.Healthy, TestTimeout.Token());

        Assert.Equal(3, after.Replicas[0].ExitCode);
        Assert.NotEqual(before.ProcessId, after.Replicas[0].ProcessId);
        Assert.Equal(before.InstanceId, after.Replicas[0].InstanceId);
        Assert.Equal($"service.instance.id={before.InstanceId}", await client.GetStringAsync("/", TestTimeout.Token()));
    }

    [Fact]
    public async Task KillAsync_Replica_IsRestartedWithANewProcess()
    {
        await App.WaitForResourceHealthyAsync("api", TestTimeout.Token());
        var before = App.ResourceNotifications.GetResource("api").Replicas[1];
        var killed = OsProcess.Of(before.ProcessId!.Value);

        await App.KillAsync("api", replica: 1, TestTimeout.Token());
        var after = await App.ResourceNotifications.WaitForResourceAsync(
            "api", s => s.Replicas[1].RestartCount > before.RestartCount && s.Replicas[1].State == KnownResourceStates.Healthy, TestTimeout.Token());

        Assert.False(killed.IsAlive);
        Assert.True(OsProcess.Of(after.Replicas[1].ProcessId!.Value).IsAlive);
    }

    [Fact]
    public async Task StopAsync_Resource_StopsItUntilStartedAgain()
    {
        await App.WaitForResourceHealthyAsync("consumer", TestTimeout.Token());
        var process = OsProcess.Of(App.ResourceNotifications.GetResource("consumer").Replicas[0].ProcessId!.Value);

        await App.StopAsync("consumer", cancellationToken: TestTimeout.Token());
        var stopped = App.ResourceNotifications.GetResource("consumer");
        Assert.Equal(KnownResourceStates.Stopped, stopped.State);
        Assert.False(process.IsAlive);
        Assert.Equal(0, stopped.RestartCount);

        await App.StartAsync("consumer", cancellationToken: TestTimeout.Token());
        var started = await App.WaitForResourceHealthyAsync("consumer", TestTimeout.Token());
        Assert.NotEqual(process.Pid, started.Replicas[0].ProcessId);
    }

    [Fact]
    public async Task ResourceLogs_Project_CapturesEachReplicasConsoleOutput()
    {
        await App.WaitForResourceHealthyAsync("api", TestTimeout.Token());
        var ports = App.Model.GetResource("api").Annotations.OfType<EndpointAnnotation>().Single().ReplicaPorts;

        foreach (var replica in new[] { 0, 1 })
        {
            var lines = App.ResourceLogs.GetLogs("api", replica);
            Assert.Contains(lines, l => l.Text.Contains($"Now listening on: http://127.0.0.1:{ports[replica]}", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Equal(replica, l.Replica));
        }
    }

    [Fact]
    public void ResourceStatus_Environment_MasksSecretsOnly()
    {
        var env = App.ResourceNotifications.GetResource("api").Environment.ToDictionary(v => v.Name);

        Assert.True(env["ConnectionStrings__bankdb"].IsSecret);
        Assert.Equal(ResourceEnvironmentVariable.Mask, env["ConnectionStrings__bankdb"].Value);
        Assert.Equal(ResourceEnvironmentVariable.Mask, env["OTEL_EXPORTER_OTLP_HEADERS"].Value);
        Assert.Equal("api", env["OTEL_SERVICE_NAME"].Value);
        Assert.False(env["OTEL_SERVICE_NAME"].IsSecret);
    }

    private static async Task<Dictionary<string, string>> GetEnvironmentAsync(int port)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        return (await client.GetFromJsonAsync<Dictionary<string, string>>("/env", TestTimeout.Token()))!;
    }
}
