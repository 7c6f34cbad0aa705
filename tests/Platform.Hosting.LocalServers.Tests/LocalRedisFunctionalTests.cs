using Platform.Hosting.Servers;
using StackExchange.Redis;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>One AppHost with a real redis-server from the OS packages, shared by the tests that only use it.</summary>
public sealed class LocalRedisFixture : IAsyncLifetime
{
    private IDistributedApplicationTestingBuilder? _builder;

    public DistributedApplication App { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = TestBuilders.Timeout();
        _builder = DistributedApplicationTestingBuilder.Create();
        _builder.AddLocalRedis("redis");
        App = await _builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
        ConnectionString = await App.GetConnectionStringAsync("redis", timeout.Token)
            ?? throw new InvalidOperationException("redis has no connection string");
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await _builder!.DisposeAsync();
    }
}

/// <summary>The real redis-server, started by DCP through the testing builder.</summary>
public sealed class LocalRedisFunctionalTests(LocalRedisFixture fixture) : IClassFixture<LocalRedisFixture>
{
    [Fact]
    public async Task AddLocalRedis_Healthy_ConnectionStringWorksWithStackExchangeRedis()
    {
        Assert.Matches(@"^(localhost|127\.0\.0\.1):\d+,password=.+$", fixture.ConnectionString);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(fixture.ConnectionString);
        var database = connection.GetDatabase();
        var key = $"test:{Guid.NewGuid():N}";
        Assert.True(await database.StringSetAsync(key, "value", TimeSpan.FromMinutes(1)));

        Assert.Equal("value", (string?)await database.StringGetAsync(key));
    }

    [Fact]
    public async Task AddLocalRedis_Healthy_RefusesAClientWithTheWrongPassword()
    {
        var options = ConfigurationOptions.Parse(fixture.ConnectionString);
        options.Password = "not-the-password";
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = 5_000;

        var exception = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(options));

        Assert.Equal(ConnectionFailureType.AuthenticationFailure, exception.FailureType);
    }

    [Fact]
    public async Task AddLocalRedis_Healthy_RefusesAClientWithoutPassword()
    {
        var options = ConfigurationOptions.Parse(fixture.ConnectionString);
        options.Password = null;
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = 5_000;

        var exception = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(options));

        Assert.Equal(ConnectionFailureType.AuthenticationFailure, exception.FailureType);
        Assert.Contains("NOAUTH", exception.InnerException?.Message, StringComparison.Ordinal);
    }
}

/// <summary>A machine without redis-server, simulated where the integration looks for it.</summary>
public sealed class LocalRedisMissingBinaryTests
{
    [Fact]
    public async Task AddLocalRedis_BinaryMissing_FailsToStartNamingThePackage()
    {
        using var timeout = TestBuilders.Timeout();
        using var emptyPath = new TempFolder("localservers-nopath-");
        await using var builder = DistributedApplicationTestingBuilder.Create();
        // The program (and apt-get, which would install it as root) is looked up on PATH when the resource is added: an
        // empty PATH for that moment is a machine without the package and no way to install it. The assembly runs its
        // tests one at a time, so no other test sees this PATH.
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", emptyPath.Path);
        try
        {
            builder.AddLocalRedis("redis");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }

        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceAsync("redis", KnownResourceStates.FailedToStart, timeout.Token);
        var logs = await app.LogsOfAsync("redis", timeout.Token);
        Assert.Contains(typeof(MissingBinaryException).FullName!, logs, StringComparison.Ordinal);
        Assert.Contains($"{RedisRecipe.Binary} not found: apt-get install {RedisRecipe.Package}", logs, StringComparison.Ordinal);
    }
}
