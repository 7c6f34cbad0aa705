using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
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

    private readonly AppHostSystem _system;
    private readonly ResourceOutput _output;

    private BenchSystem(AppHostSystem system, ResourceOutput output)
    {
        _system = system;
        _output = output;
        // A handler of our own: no resilience pipeline retrying behind the bench's back.
        Http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = App.GetEndpoint("farm", "http"), Timeout = TimeSpan.FromSeconds(15) };
        Admin = new FarmApi(Http, AdminToken);
    }

    public DistributedApplication App => _system.App;

    public HttpClient Http { get; }

    public FarmApi Admin { get; }

    public static async Task<BenchSystem> StartAsync(CancellationToken cancellationToken)
    {
        var output = new ResourceOutput();
        var system = await AppHostSystem.StartAsync(
            new AppHostSetup("renderfarm-bench-", ["farm"], TimeSpan.FromMinutes(5))
            {
                AdminToken = AdminToken,
                ServerPassword = "renderfarmbenchpassword0123456789",
                ResourceOutput = output,
            },
            cancellationToken);
        return new BenchSystem(system, output);
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
    public double Kill(string instance) => App.KillNow(instance, () => Clock.Now);

    /// <summary>Writes what the resources printed to <paramref name="path"/>, for reading after a run that went wrong.</summary>
    public Task WriteOutputAsync(string path) => File.WriteAllLinesAsync(path, _output.Lines);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _system.DisposeAsync();
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
