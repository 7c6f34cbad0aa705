using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Hosting.Servers;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>The app model <c>AddLocalPostgres</c>, <c>AddDatabase</c> and <c>WithPersistentData</c> build; nothing is started.</summary>
public sealed class AddLocalPostgresTests
{
    [Fact]
    public void AddLocalPostgres_RunMode_AddsLocalPostgresExecutable()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);

        var postgres = builder.AddLocalPostgres("pg");

        var resource = Assert.IsType<LocalPostgresResource>(Assert.Single(builder.Resources.OfType<ExecutableResource>()));
        Assert.Same(resource, postgres.Resource);
        Assert.Equal(PostgresRecipe.SuperUser, resource.UserName);
        // PostgreSQL refuses root, so as root the program is setpriv, which drops to the postgres user and execs postgres.
        Assert.Equal(OsBinary.IsRoot ? "setpriv" : "postgres", Path.GetFileName(resource.Command));
        Assert.True(Path.IsPathRooted(resource.Command), resource.Command);
        // The data folder is only chosen when the server starts.
        Assert.Null(resource.DataDirectory);
    }

    [Fact]
    public void AddLocalPostgres_RunMode_ConnectionStringEqualsAspiresPostgres()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);
        using var containers = TestBuilders.Create(HostingMode.UseContainers);

        var local = builder.AddLocalPostgres("pg").Resource.ConnectionStringExpression.ValueExpression;
        var aspire = containers.AddLocalPostgres("pg").Resource.ConnectionStringExpression.ValueExpression;

        Assert.Equal("Host={pg.bindings.tcp.host};Port={pg.bindings.tcp.port};Username=postgres;Password={pg-password.value}", local);
        Assert.Equal(aspire, local);
    }

    [Fact]
    public void AddDatabase_RunMode_AddsLocalDatabaseWhoseParentIsTheServer()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);
        var postgres = builder.AddLocalPostgres("pg");

        var database = postgres.AddDatabase("appdb");

        var resource = Assert.IsType<LocalPostgresDatabaseResource>(database.Resource);
        Assert.Same(postgres.Resource, resource.Parent);
        Assert.Equal("appdb", resource.DatabaseName);
        // The server creates it when it is first ready.
        Assert.Equal("appdb", ((LocalPostgresResource)postgres.Resource).Databases["appdb"]);
        Assert.Contains(resource, builder.Resources);
    }

    [Fact]
    public void AddDatabase_RunModeWithDatabaseName_ConnectionStringEqualsAspiresDatabase()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);
        using var containers = TestBuilders.Create(HostingMode.UseContainers);

        var local = builder.AddLocalPostgres("pg").AddDatabase("orders", "orders_db");
        var aspire = containers.AddLocalPostgres("pg").AddDatabase("orders", "orders_db");

        Assert.Equal("orders_db", ((LocalPostgresDatabaseResource)local.Resource).DatabaseName);
        Assert.Equal("{pg.connectionString};Database=orders_db", local.Resource.ConnectionStringExpression.ValueExpression);
        Assert.Equal(aspire.Resource.ConnectionStringExpression.ValueExpression, local.Resource.ConnectionStringExpression.ValueExpression);
    }

    [Fact]
    public void AddLocalPostgres_RunMode_PasswordIsASecretParameterNamedAfterTheResource()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);

        var resource = (LocalPostgresResource)builder.AddLocalPostgres("db1").Resource;

        Assert.Equal("db1-password", resource.PasswordParameter.Name);
        Assert.True(resource.PasswordParameter.Secret);
        Assert.NotNull(resource.PasswordParameter.Default);
        Assert.Contains("{db1-password.value}", resource.ConnectionStringExpression.ValueExpression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLocalPostgres_RunMode_ServerAndDatabaseHealthChecksAreAnnotatedAndRegistered()
    {
        using var timeout = TestBuilders.Timeout();
        await using var builder = TestBuilders.Create(HostingMode.Run);
        var postgres = builder.AddLocalPostgres("pg");
        var database = postgres.AddDatabase("appdb");

        Assert.Equal("pg_check", Assert.Single(postgres.Resource.Annotations.OfType<HealthCheckAnnotation>()).Key);
        Assert.Equal("appdb_check", Assert.Single(database.Resource.Annotations.OfType<HealthCheckAnnotation>()).Key);

        await using var app = await builder.BuildAsync(timeout.Token);
        var registered = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToHashSet();
        Assert.Contains("pg_check", registered);
        Assert.Contains("appdb_check", registered);
    }

    [Fact]
    public void AddLocalPostgres_RunMode_EndpointIsUnproxiedOnLoopbackWithAFreePort()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);

        var endpoint = Assert.Single(builder.AddLocalPostgres("pg").Resource.Annotations.OfType<EndpointAnnotation>());

        Assert.Equal("tcp", endpoint.Name);
        Assert.False(endpoint.IsProxied);
        Assert.True(AddLocalRedisTests.IsLoopback(endpoint.TargetHost), $"'{endpoint.TargetHost}' is not a loopback address");
        Assert.NotNull(endpoint.Port);
        Assert.Equal(endpoint.Port, endpoint.TargetPort);
        Assert.False(FreePort.IsInUse(endpoint.Port.Value), $"port {endpoint.Port} is taken");
    }

    [Fact]
    public void WithPersistentData_RunModeCalledTwice_TheSecondCallChangesNothing()
    {
        using var builder = TestBuilders.Create(HostingMode.Run);
        var postgres = builder.AddLocalPostgres("pg");
        var before = postgres.Resource.Annotations.Count;

        Assert.Same(postgres, postgres.WithPersistentData());
        var once = postgres.Resource.Annotations.Count;
        Assert.Same(postgres, postgres.WithPersistentData());

        Assert.Equal(before + 1, once);
        Assert.Equal(once, postgres.Resource.Annotations.Count);
        Assert.Empty(postgres.Resource.Annotations.OfType<ContainerMountAnnotation>());
    }

    [Theory]
    [InlineData(HostingMode.UseContainers)]
    [InlineData(HostingMode.Publish)]
    public void AddLocalPostgres_ContainersMode_AddsAspiresPostgresContainerAndDatabase(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);

        var postgres = builder.AddLocalPostgres("pg");
        var database = postgres.AddDatabase("appdb");

        var server = Assert.IsType<PostgresServerResource>(postgres.Resource);
        var aspireDatabase = Assert.IsType<PostgresDatabaseResource>(database.Resource);
        Assert.Same(server, aspireDatabase.Parent);
        Assert.Equal("appdb", aspireDatabase.DatabaseName);
        Assert.Empty(builder.Resources.OfType<ExecutableResource>());
        Assert.Equal("pg-password", server.PasswordParameter.Name);
    }

    [Theory]
    [InlineData(HostingMode.UseContainers)]
    [InlineData(HostingMode.Publish)]
    public void WithPersistentData_ContainersMode_AddsOneVolumeNamedAfterTheResource(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);
        var postgres = builder.AddLocalPostgres("pg");

        postgres.WithPersistentData();
        postgres.WithPersistentData();

        var mount = Assert.Single(postgres.Resource.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.Volume, mount.Type);
        Assert.Equal("pg-data", mount.Source);
    }

    [Fact]
    public void AllLines_ContainersMode_LeaveNoExecutableInTheModel()
    {
        using var builder = TestBuilders.Create(HostingMode.UseContainers);

        builder.AddLocalRedis("redis");
        builder.AddLocalPostgres("pg").WithPersistentData().AddDatabase("appdb");

        Assert.Empty(builder.Resources.OfType<ExecutableResource>());
        Assert.Equal(
            ["appdb:PostgresDatabaseResource", "pg:PostgresServerResource", "redis:RedisResource"],
            builder.Resources.Select(r => $"{r.Name}:{r.GetType().Name}").Order(StringComparer.Ordinal));
    }
}
