using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

public sealed class DistributedApplicationTestingBuilderTests
{
    [Fact]
    public async Task CreateResourceBuilder_OverridesEnvironmentAndHostEnvironment_ProcessSeesBoth()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("probe", "sh", ".", "-c", "echo \"flag=$FEATURE_FLAG\"");
        builder.Environment.EnvironmentName = "Staging";

        builder.CreateResourceBuilder<ExecutableResource>("probe").WithEnvironment("FEATURE_FLAG", "on");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        var status = await app.ResourceNotifications.WaitForResourceAsync("probe", KnownResourceStates.Exited, TestTimeout.Token());

        Assert.Contains(app.ResourceLogs.GetLogs("probe"), l => l.Text == "flag=on");
        Assert.DoesNotContain(status.Environment, v => v.Name.StartsWith("OTEL_BSP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateResourceBuilder_WrongType_ThrowsNamingBothTypes()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("cache");

        var error = Assert.Throws<ArgumentException>(() => builder.CreateResourceBuilder<ProjectResource>("cache"));

        Assert.Contains("RedisResource, not a ProjectResource", error.Message);
    }

    [Fact]
    public async Task DisposeAsync_App_DeletesTheTestsFolders()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("cache");
        var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        await app.WaitForResourceHealthyAsync("cache", TestTimeout.Token());
        var folder = Path.GetDirectoryName(builder.Options.DataDirectory)!;
        Assert.True(Directory.Exists(folder));

        await app.DisposeAsync();

        Assert.False(Directory.Exists(folder));
    }
}
