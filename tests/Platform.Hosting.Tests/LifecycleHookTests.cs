using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

public sealed class LifecycleHookTests
{
    [Fact]
    public async Task BeforeStartAsync_SetsOtlpEndpoint_EveryProcessReceivesIt()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var hook = new DashboardLikeHook(builder.Options);
        builder.Services.AddSingleton<IDistributedApplicationLifecycleHook>(hook);
        builder.AddExecutable("probe", "sh", ".", "-c", "echo \"endpoint=$OTEL_EXPORTER_OTLP_ENDPOINT headers=$OTEL_EXPORTER_OTLP_HEADERS\"");
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestTimeout.Token());
        await app.ResourceNotifications.WaitForResourceAsync("probe", KnownResourceStates.Exited, TestTimeout.Token());

        Assert.Equal(["BeforeStart", "AfterEndpointsAllocated", "AfterResourcesCreated"], hook.Calls);
        Assert.Contains(app.ResourceLogs.GetLogs("probe"), l => l.Text == "endpoint=http://127.0.0.1:4318 headers=x-otlp-api-key=hook-key");
    }

    private sealed class DashboardLikeHook(DistributedApplicationOptions options) : IDistributedApplicationLifecycleHook
    {
        public List<string> Calls { get; } = [];

        public Task BeforeStartAsync(DistributedApplicationModel model, CancellationToken cancellationToken)
        {
            Calls.Add("BeforeStart");
            options.OtlpEndpoint = "http://127.0.0.1:4318";
            options.OtlpApiKey = "hook-key";
            return Task.CompletedTask;
        }

        public Task AfterEndpointsAllocatedAsync(DistributedApplicationModel model, CancellationToken cancellationToken)
        {
            Calls.Add("AfterEndpointsAllocated");
            return Task.CompletedTask;
        }

        public Task AfterResourcesCreatedAsync(DistributedApplicationModel model, CancellationToken cancellationToken)
        {
            Calls.Add("AfterResourcesCreated");
            return Task.CompletedTask;
        }
    }
}
