using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Dashboard;
using Platform.Hosting.Orchestrator;

namespace Platform.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly HostApplicationBuilder _host;
    private readonly List<IResource> _resources = [];
    private readonly DistributedApplicationTestingHook? _testingHook;

    public DistributedApplicationBuilder(DistributedApplicationOptions options, Assembly? appHostAssembly, bool allowTestingHook = true)
    {
        _testingHook = allowTestingHook ? DistributedApplicationTestingHook.Current.Value : null;
        _testingHook?.ConfigureOptions(options);
        Options = options;
        options.AppHostDirectory ??= AppHostPaths.FindAppHostDirectory(appHostAssembly);
        options.ProjectConfiguration ??= BuildConfigurationOf(appHostAssembly);

        _host = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. options.Args],
            ApplicationName = appHostAssembly?.GetName().Name,
            EnvironmentName = System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development,
            ContentRootPath = Directory.Exists(options.AppHostDirectory) ? options.AppHostDirectory : null,
        });
        _host.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        // A failed start is reported once, as one line, by the orchestrator; the host's own report repeats it with a stack trace.
        _host.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }

    public IConfigurationManager Configuration => _host.Configuration;

    public IHostEnvironment Environment => _host.Environment;

    public IServiceCollection Services => _host.Services;

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists in the app model; names must be unique.", nameof(resource));
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        if (_testingHook is { } hook)
        {
            // The AppHost's Program is being run by a test: hand the builder over; the hook ends the entry point.
            hook.OnBuild(this);
        }

        return BuildCore();
    }

    internal DistributedApplication BuildCore()
    {
        var model = new DistributedApplicationModel([.. _resources]);
        _host.Services.AddSingleton(model);
        _host.Services.AddSingleton(Options);
        _host.Services.AddSingleton(_ => ApplicationOrchestrator.CreateNotifications(model));
        _host.Services.AddSingleton<ResourceLoggerService>();
        if (DashboardSettings.IsEnabled(_host.Configuration, Options))
        {
            // First of the hooks, so every later hook already sees the OTLP endpoint.
            _host.Services.Insert(0, ServiceDescriptor.Singleton<IDistributedApplicationLifecycleHook, DashboardLifecycleHook>());
        }

        _host.Services.AddSingleton<ApplicationOrchestrator>();
        _host.Services.AddSingleton(sp => new ResourceCommandService(sp.GetRequiredService<ApplicationOrchestrator>()));
        _host.Services.AddHostedService<OrchestratorHostedService>();
        _host.Services.Configure<HostOptions>(o => o.ShutdownTimeout = (Options.StopTimeout * 2) + TimeSpan.FromSeconds(5));
        return new DistributedApplication(_host.Build());
    }

    /// <summary>The configuration <paramref name="assembly"/> was built in (its <see cref="AssemblyConfigurationAttribute"/>), or Debug.</summary>
    internal static string BuildConfigurationOf(Assembly? assembly) =>
        assembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration ? configuration : "Debug";
}
