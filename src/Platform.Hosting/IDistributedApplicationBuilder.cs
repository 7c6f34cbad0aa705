using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>Declares the resources of an app model; <see cref="Build"/> turns it into a runnable <see cref="DistributedApplication"/>.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>The AppHost's configuration: appsettings, user secrets, environment, command line. Parameters come from <c>Parameters:{name}</c>.</summary>
    IConfigurationManager Configuration { get; }

    /// <summary>The AppHost's environment (Development unless <c>DOTNET_ENVIRONMENT</c> says otherwise).</summary>
    IHostEnvironment Environment { get; }

    /// <summary>The AppHost's services; register an <see cref="IDistributedApplicationLifecycleHook"/> here to act around start.</summary>
    IServiceCollection Services { get; }

    /// <summary>The options the orchestrator runs with (OTLP endpoint, data and state folders, timeouts).</summary>
    DistributedApplicationOptions Options { get; }

    /// <summary>The resources declared so far, in declaration order.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>Adds <paramref name="resource"/> to the model.</summary>
    /// <exception cref="ArgumentException">Another resource already has its name.</exception>
    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    /// <summary>Returns a builder for a resource already in the model.</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource;

    /// <summary>Builds the application.</summary>
    DistributedApplication Build();
}
