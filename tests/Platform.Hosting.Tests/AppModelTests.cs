using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

public sealed class AppModelTests
{
    [Fact]
    public async Task AddResource_DuplicateName_ThrowsNamingIt()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("cache");

        var error = Assert.Throws<ArgumentException>(() => builder.AddPostgres("cache"));

        Assert.Contains("'cache' already exists", error.Message);
    }

    [Fact]
    public async Task WithEnvironment_CalledTwice_LastValueWins()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var exe = builder.AddExecutable("exe", "sleep", ".", "1").WithEnvironment("A", "1").WithEnvironment("A", "2");

        var variable = Assert.Single(exe.Resource.Annotations.OfType<EnvironmentAnnotation>());

        Assert.Equal("2", variable.Value());
    }

    [Fact]
    public async Task WithHttpEndpoint_CalledTwice_KeepsOneEndpointWithLastSettings()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<Projects.EnvReporter>("api").WithExternalHttpEndpoints().WithHttpEndpoint(port: 5000).WithHttpEndpoint(port: 5001);

        var endpoint = Assert.Single(api.Resource.Annotations.OfType<EndpointAnnotation>());

        Assert.Equal(5001, endpoint.Port);
        Assert.True(endpoint.IsExternal);
    }

    [Fact]
    public async Task WaitFor_CalledTwice_RecordsOneWait()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var cache = builder.AddRedis("cache");
        var exe = builder.AddExecutable("exe", "sleep", ".", "1").WaitFor(cache).WaitFor(cache);

        Assert.Single(exe.Resource.Annotations.OfType<WaitAnnotation>());
    }

    [Fact]
    public async Task WaitFor_Itself_Throws()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var exe = builder.AddExecutable("exe", "sleep", ".", "1");

        Assert.Throws<ArgumentException>(() => exe.WaitFor(exe));
    }

    [Fact]
    public async Task WithReplicas_Zero_Throws()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<Projects.EnvReporter>("api");

        Assert.Throws<ArgumentOutOfRangeException>(() => api.WithReplicas(0));
    }

    [Fact]
    public async Task AddParameter_Configured_UsesConfiguredValue()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["Parameters:token"] = "from-config";

        var parameter = builder.AddParameter("token", secret: true);

        Assert.Equal("from-config", parameter.Resource.Value);
    }

    [Fact]
    public async Task AddParameter_SecretNotConfigured_GeneratesStableValue()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var parameter = builder.AddParameter("token", secret: true);

        Assert.Equal(24, parameter.Resource.Value.Length);
        Assert.Equal(parameter.Resource.Value, parameter.Resource.Value);
    }

    [Fact]
    public async Task AddParameter_PlainNotConfigured_ThrowsNamingTheKey()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var parameter = builder.AddParameter("region");

        var error = Assert.Throws<DistributedApplicationException>(() => parameter.Resource.Value);
        Assert.Contains("Parameters:region", error.Message);
    }

    [Fact]
    public async Task AddProject_GeneratedMetadata_PointsAtTheProjectFile()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var api = builder.AddProject<Projects.EnvReporter>("api");

        Assert.True(File.Exists(api.Resource.ProjectPath));
        Assert.Equal("EnvReporter.csproj", Path.GetFileName(api.Resource.ProjectPath));
    }

    [Fact]
    public async Task AddProject_MissingProjectFile_ThrowsNamingThePath()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var error = Assert.Throws<ArgumentException>(() => builder.AddProject("api", "/nowhere/Api.csproj"));

        Assert.Contains("/nowhere/Api.csproj", error.Message);
    }

    [Fact]
    public async Task AddDatabase_OnServer_IsChildOfServer()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("pg");

        var db = postgres.AddDatabase("bankdb");

        Assert.Same(postgres.Resource, db.Resource.Parent);
        Assert.Contains(db.Resource, postgres.Resource.Databases);
        Assert.Null(db.Resource.GetConnectionString());
    }
}
