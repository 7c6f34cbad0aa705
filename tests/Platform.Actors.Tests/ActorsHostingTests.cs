using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.Tests.Grains;

namespace Platform.Actors.Tests;

public sealed class ActorsHostingTests
{
    [Fact]
    public void UseActors_ActorsConfigurationSection_BindsOptions()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:ClusterId"] = "blue",
            ["Actors:ServiceId"] = "bank",
            ["Actors:ResponseTimeout"] = "00:00:05",
            ["Actors:CollectionAge"] = "00:02:00",
        });

        builder.UseActors();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<ActorsOptions>>().Value;

        Assert.Equal(("blue", "bank"), (options.ClusterId, options.ServiceId));
        Assert.Equal(TimeSpan.FromSeconds(5), options.ResponseTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.CollectionAge);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MinimumReminderPeriod);
    }

    [Fact]
    public void UseActors_InvalidOptions_FailsNamingTheOption()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Actors:CollectionQuantum"] = "00:00:00" });
        builder.UseActors(a => a.Configure(o => o.ResponseTimeout = TimeSpan.FromSeconds(-1)));
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ActorsOptions>>().Value);

        Assert.Contains("Actors:CollectionQuantum is 00:00:00; it must be a positive duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("Actors:ResponseTimeout is -00:00:01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddActors_CalledTwiceWithoutConfiguration_RegistersOnceAndServesCalls()
    {
        var services = new ServiceCollection();
        services.AddActors().AddActors(a => a.Configure(o => o.ResponseTimeout = TimeSpan.FromSeconds(7)));
        await using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IGrainFactory));
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<ActorsOptions>>().Value.ResponseTimeout);
        Assert.Equal(1, await provider.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>(Guid.NewGuid().ToString()).IncrementAsync());
    }

    [Fact]
    public async Task UseActors_InWebApplication_EndpointCallsGrainInSameHost()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.UseActors();
        await using var app = builder.Build();
        app.MapPost("/counters/{id}", (string id, IGrainFactory grains) => grains.GetGrain<ICounterGrain>(id).IncrementAsync());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var id = Guid.NewGuid();

        await http.PostAsync($"/counters/{id}", null);
        var response = await http.PostAsync($"/counters/{id}", null);

        Assert.Equal(2, await response.Content.ReadFromJsonAsync<int>());
        await app.StopAsync();
    }
}
