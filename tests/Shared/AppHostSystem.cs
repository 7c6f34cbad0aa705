using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Platform.Tests.Shared;

/// <summary>
/// The AppHost's model started as real processes through Aspire's testing builder, the way the whole-system tests and
/// the benches run it (<see cref="AppHostSetup"/> says what differs): a data folder of its own for the local servers,
/// resources' warnings and errors logged, and the start done once the resources waited for are healthy. Disposing it
/// stops the processes and deletes the data folder.
/// </summary>
internal sealed class AppHostSystem : IAsyncDisposable
{
    private const string ResourceCategory = "AppHost.Resources";

    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly DirectoryInfo _data;

    private AppHostSystem(IDistributedApplicationTestingBuilder builder, DistributedApplication app, DirectoryInfo data)
    {
        _builder = builder;
        _data = data;
        App = app;
    }

    public DistributedApplication App { get; }

    public static async Task<AppHostSystem> StartAsync(AppHostSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var data = TestFolders.CreateServerData(setup.DataPrefix);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [], (options, _) => options.DisableDashboard = !setup.Dashboard, cancellationToken);
        builder.Configuration["LocalServers:DataDirectory"] = data.FullName;
        if (setup.AdminToken is not null)
        {
            builder.Configuration["Parameters:bank-admin-token"] = setup.AdminToken;
        }

        if (setup.ServerPassword is not null)
        {
            builder.Configuration["Parameters:redis-password"] = setup.ServerPassword;
            builder.Configuration["Parameters:postgres-password"] = setup.ServerPassword;
        }

        var output = setup.ResourceOutput;
        if (output is not null)
        {
            builder.Services.AddSingleton<ILoggerProvider>(output);
        }

        // Resources' warnings and errors (a server that failed to start, say) in the run's output.
        builder.Services.AddLogging(logging =>
        {
            logging.AddSimpleConsole()
                .SetMinimumLevel(LogLevel.Warning)
                // Failing checks while resources start are expected; StartAndWaitHealthyAsync reports the ones that matter.
                .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
            if (output is not null)
            {
                // All of the resources' lines to the output, none to the console; the rule is AddFilter<T>'s, for the output's type.
                logging.AddFilter<ConsoleLoggerProvider>(ResourceCategory, LogLevel.None);
                logging.Services.Configure<LoggerFilterOptions>(filters =>
                    filters.Rules.Add(new LoggerFilterRule(output.GetType().FullName, ResourceCategory, LogLevel.Trace, filter: null)));
            }
        });
        foreach (var resource in builder.Resources.Where(resource => setup.Without.Contains(resource.Name)).ToList())
        {
            builder.Resources.Remove(resource);
        }

        setup.Configure?.Invoke(builder);
        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAndWaitHealthyAsync(setup.WaitFor, setup.Within, cancellationToken);
        return new AppHostSystem(builder, app, data);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _builder.DisposeAsync();
        if (_data.Exists)
        {
            _data.Delete(recursive: true);
        }
    }
}
