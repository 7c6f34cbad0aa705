using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Platform.Tests.Shared;

namespace RenderFarm.Bench;

/// <summary>
/// The AppHost's whole model (bank and farm) started as real processes through Aspire's testing builder, with a known
/// admin token, a data folder of its own and the farm's default settings (slots = cores); the resources' output goes
/// to a file, not the console, so the bench's own lines stay readable.
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    public const string AdminToken = "renderfarm-bench-admin-token-0123456789";

    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly DirectoryInfo _data;
    private readonly ResourceOutput _output;

    private BenchSystem(IDistributedApplicationTestingBuilder builder, DistributedApplication app, DirectoryInfo data, ResourceOutput output)
    {
        _builder = builder;
        _data = data;
        _output = output;
        App = app;
        // A handler of our own: no resilience pipeline retrying behind the bench's back.
        Http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = app.GetEndpoint("farm", "http"), Timeout = TimeSpan.FromSeconds(15) };
        Admin = new FarmApi(Http, AdminToken);
    }

    public DistributedApplication App { get; }

    public HttpClient Http { get; }

    public FarmApi Admin { get; }

    public static async Task<BenchSystem> StartAsync(CancellationToken cancellationToken)
    {
        var data = TestFolders.CreateServerData("renderfarm-bench-");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [], (options, _) => options.DisableDashboard = true, cancellationToken);
        builder.Configuration["LocalServers:DataDirectory"] = data.FullName;
        // Fixed secrets, so a run neither depends on nor writes the AppHost's user secrets.
        builder.Configuration["Parameters:bank-admin-token"] = AdminToken;
        builder.Configuration["Parameters:redis-password"] = "renderfarmbenchpassword0123456789";
        builder.Configuration["Parameters:postgres-password"] = "renderfarmbenchpassword0123456789";
        var output = new ResourceOutput();
        builder.Services.AddSingleton<ILoggerProvider>(output);
        builder.Services.AddLogging(logging => logging
            .AddSimpleConsole()
            .SetMinimumLevel(LogLevel.Warning)
            // Failing checks while resources start are expected; StartAndWaitHealthyAsync reports the ones that matter.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter<ConsoleLoggerProvider>("AppHost.Resources", LogLevel.None)
            .AddFilter<ResourceOutput>("AppHost.Resources", LogLevel.Trace));
        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAndWaitHealthyAsync(["farm"], TimeSpan.FromMinutes(5), cancellationToken);
        return new BenchSystem(builder, app, data, output);
    }

    /// <summary>
    /// The farm silo's name as the farm reports it (the Orleans endpoint, <c>127.0.0.1:port</c>), read from the
    /// environment Aspire gave the instance's process, so a coordinator's silo in a job's status maps to an instance.
    /// </summary>
    public string SiloNameOf(string instance)
    {
        var environment = File.ReadAllText($"/proc/{App.PidOf(instance)}/environ").Split('\0');
        var port = environment.FirstOrDefault(v => v.StartsWith("Orleans__Endpoints__SiloPort=", StringComparison.Ordinal))?.Split('=')[1];
        // Without the port the bench cannot tell which instance hosts the coordinator; the kill then takes any silo.
        return port is null ? instance : $"127.0.0.1:{port}";
    }

    /// <summary>SIGKILLs <paramref name="instance"/>'s process tree, deepest first, and returns when the signals were sent.</summary>
    public double Kill(string instance)
    {
        var pid = App.PidOf(instance);
        var tree = ResourceFaults.Descendants(pid).Append(pid).Select(Open).OfType<Process>().ToList();
        var killedAt = Clock.Now;
        foreach (var process in tree)
        {
            // Process.Kill is SIGKILL on Unix: no shutdown, no goodbye to the cluster, the way a crash ends a silo.
            process.Kill();
            process.Dispose();
        }

        return killedAt;
    }

    /// <summary>Writes what the resources printed to <paramref name="path"/>, for reading after a run that went wrong.</summary>
    public Task WriteOutputAsync(string path) => File.WriteAllLinesAsync(path, _output.Lines);

    private static Process? Open(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // a short-lived child already gone
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await _builder.DisposeAsync();
        if (_data.Exists)
        {
            _data.Delete(recursive: true);
        }
    }

    /// <summary>Keeps every line the resources log, stamped with seconds since the bench started.</summary>
    private sealed class ResourceOutput : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Sink(_lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Sink(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lines.Enqueue($"{Clock.Now,8:F2} {category[(category.LastIndexOf('.') + 1)..]}: {formatter(state, exception)}");
            }
        }
    }
}
