using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Hosting.Servers;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>The app model <c>AddLocalRedis</c> builds; nothing is started.</summary>
public sealed class AddLocalRedisTests
{
    [Fact]
    public void AddLocalRedis_RunMode_AddsLocalRedisExecutable()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);

        var redis = builder.AddLocalRedis("redis");

        var resource = Assert.IsType<LocalRedisResource>(Assert.Single(builder.Resources.OfType<ExecutableResource>()));
        Assert.Same(resource, redis.Resource);
        Assert.Equal("redis", resource.Name);
        // The OS's redis-server, by absolute path.
        Assert.True(Path.IsPathRooted(resource.Command), resource.Command);
        Assert.Equal(RedisRecipe.Binary, Path.GetFileName(resource.Command));
    }

    [Fact]
    public void AddLocalRedis_RunMode_ConnectionStringHasTheFormatOfAspiresRedis()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);
        using var containers = TestBuilders.Create(HostingMode.UseContainers);

        var local = builder.AddLocalRedis("redis").Resource.ConnectionStringExpression.ValueExpression;
        var aspire = containers.AddLocalRedis("redis").Resource.ConnectionStringExpression.ValueExpression;

        Assert.Equal("{redis.bindings.tcp.host}:{redis.bindings.tcp.port},password={redis-password.value}", local);
        // Aspire's own adds only a conditional ",ssl=true" that is empty unless its endpoint has TLS, which a local server has not.
        Assert.StartsWith(local, aspire, StringComparison.Ordinal);
        Assert.Matches(@"^\{cond-redis-bindings-tcp-tlsenabled-[^}]+\.connectionString\}$", aspire[local.Length..]);
    }

    [Fact]
    public void AddLocalRedis_RunMode_PasswordIsASecretParameterNamedAfterTheResource()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);

        var resource = (LocalRedisResource)builder.AddLocalRedis("cache").Resource;

        Assert.Equal("cache-password", resource.PasswordParameter.Name);
        Assert.True(resource.PasswordParameter.Secret);
        // A generated default: nothing to configure, and the same value on the next run (user secrets).
        Assert.NotNull(resource.PasswordParameter.Default);
        Assert.Contains("{cache-password.value}", resource.ConnectionStringExpression.ValueExpression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLocalRedis_RunMode_HealthCheckIsAnnotatedAndRegistered()
    {
        using var timeout = TestBuilders.Timeout();
        await using var builder = TestBuilders.Create(HostingMode.Run);
        var redis = builder.AddLocalRedis("redis");

        var annotation = Assert.Single(redis.Resource.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Equal("redis_check", annotation.Key);

        // WaitFor looks the annotation's key up among the registered checks: a key with no check would never become healthy.
        await using var app = await builder.BuildAsync(timeout.Token);
        var registrations = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(registrations, registration => registration.Name == annotation.Key);
    }

    [Fact]
    public void AddLocalRedis_RunMode_EndpointIsUnproxiedOnLoopbackWithAFreePort()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);

        var first = Assert.Single(builder.AddLocalRedis("first").Resource.Annotations.OfType<EndpointAnnotation>());
        var second = Assert.Single(builder.AddLocalRedis("second").Resource.Annotations.OfType<EndpointAnnotation>());

        foreach (var endpoint in new[] { first, second })
        {
            Assert.Equal("tcp", endpoint.Name);
            Assert.False(endpoint.IsProxied);
            Assert.True(IsLoopback(endpoint.TargetHost), $"'{endpoint.TargetHost}' is not a loopback address");
            Assert.NotNull(endpoint.Port);
            // Unproxied: clients reach the port the server itself listens on.
            Assert.Equal(endpoint.Port, endpoint.TargetPort);
            Assert.False(FreePort.IsInUse(endpoint.Port.Value), $"port {endpoint.Port} is taken");
        }

        Assert.NotEqual(first.Port, second.Port);
    }

    [Theory]
    [InlineData(HostingMode.UseContainers)]
    [InlineData(HostingMode.Publish)]
    public void AddLocalRedis_ContainersMode_AddsAspiresRedisContainer(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);

        var redis = builder.AddLocalRedis("redis");

        var resource = Assert.IsType<RedisResource>(redis.Resource);
        Assert.Empty(builder.Resources.OfType<ExecutableResource>());
        Assert.Equal("redis-password", resource.PasswordParameter?.Name);
    }

    internal static bool IsLoopback(string host)
        => host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
