using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Platform.Tests.Shared;

namespace Failover.Bench;

/// <summary>
/// The AppHost's model started as real processes through Aspire's testing builder (as the integration tests' BankSystem
/// does), with fixed secrets, a data folder of its own, the resources' output kept in <see cref="Log"/>, and a client of
/// the API that gives up after <see cref="ClientTimeout"/>.
/// </summary>
internal sealed class BankSystem : IAsyncDisposable
{
    public const string AdminToken = "failoverbenchadmintoken0123456789";

    /// <summary>The API answers within the 3 s Orleans response timeout or says 503; a request still open after this hung.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10);

    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly DirectoryInfo _data;
    private readonly IReadOnlyDictionary<int, string> _before;

    private BankSystem(IDistributedApplicationTestingBuilder builder, DistributedApplication app, DirectoryInfo data, ResourceLog log, IReadOnlyDictionary<int, string> before)
    {
        _before = before;
        _builder = builder;
        _data = data;
        App = app;
        Log = log;
        // A handler of our own: no resilience pipeline retrying behind the bench's back, no cap on connections.
        Http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = app.GetEndpoint("api", "http"), Timeout = ClientTimeout };
        Admin = new BankApi(Http, AdminToken);
    }

    public DistributedApplication App { get; }

    public ResourceLog Log { get; }

    public HttpClient Http { get; }

    public BankApi Admin { get; }

    public static async Task<BankSystem> StartAsync(CancellationToken cancellationToken)
    {
        var before = ProcessTable.Find(IsSystemProcess);
        var data = TestFolders.CreateServerData("failover-bench-");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [], (options, _) => options.DisableDashboard = true, cancellationToken);
        builder.Configuration["LocalServers:DataDirectory"] = data.FullName;
        // Fixed secrets, so a run neither depends on nor writes the AppHost's user secrets (the cluster certificate aside).
        builder.Configuration["Parameters:bank-admin-token"] = AdminToken;
        builder.Configuration["Parameters:redis-password"] = "failoverbenchpassword0123456789ab";
        builder.Configuration["Parameters:postgres-password"] = "failoverbenchpassword0123456789ab";
        // Orleans logs at Warning in the bank's settings; membership changes (a silo declared dead, a silo joining) are
        // Information, and they are what tells detection from recovery. A handful of lines per change.
        builder.CreateResourceBuilder<ProjectResource>("silo").WithEnvironment("Logging__LogLevel__Orleans.Runtime.MembershipService", "Information");
        builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("Logging__LogLevel__Orleans.Messaging.GatewayManager", "Information");
        var log = new ResourceLog();
        builder.Services.AddSingleton<ILoggerProvider>(log);
        builder.Services.AddLogging(logging => logging
            .AddSimpleConsole()
            .SetMinimumLevel(LogLevel.Warning)
            // Failing checks while resources start are expected; StartAndWaitHealthyAsync reports the ones that matter.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            // The resources' output goes to the ResourceLog, whole, not to the console.
            .AddFilter<ConsoleLoggerProvider>("AppHost.Resources", LogLevel.None)
            .AddFilter<ResourceLog>("AppHost.Resources", LogLevel.Trace));
        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAndWaitHealthyAsync(["api"], TimeSpan.FromMinutes(3), cancellationToken);
        return new BankSystem(builder, app, data, log, before);
    }

    /// <summary>
    /// SIGKILLs <paramref name="instance"/>'s process tree and returns the <see cref="Clock"/> time of the first signal:
    /// the tests' KillAsync first spends half a second finding the instance, which would blur the start of the outage.
    /// </summary>
    public double Kill(string instance)
    {
        var pid = App.PidOf(instance);
        var tree = ResourceFaults.Descendants(pid).Append(pid).Select(Open).OfType<Process>().ToList();
        var killedAt = Clock.Now;
        foreach (var process in tree)
        {
            // Process.Kill is SIGKILL on Unix; deepest first, so the silo itself dies before its `dotnet run`.
            process.Kill();
            process.Dispose();
        }

        return killedAt;
    }

    private static Process? Open(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // a short-lived child that is already gone
        }
    }

    /// <summary>
    /// Stops everything and returns the processes still alive 30 s later that this run started: those under this
    /// process, and those of the system's kinds (DCP, the bank, the servers) that did not exist before the run, since DCP
    /// leaves some of its processes to init. Another run on the machine at the same time would show here too.
    /// </summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        var started = ResourceFaults.Descendants(Environment.ProcessId).ToHashSet();
        var names = ProcessTable.Find(_ => true).Where(p => started.Contains(p.Key) || (IsSystemProcess(p.Value) && !_before.ContainsKey(p.Key))).ToList();
        await DisposeAsync();
        for (var waited = 0; waited < 60; waited++)
        {
            var alive = ProcessTable.Find(_ => true);
            var left = names.Where(p => alive.TryGetValue(p.Key, out var name) && name == p.Value).Select(p => $"{p.Value} ({p.Key})").ToList();
            if (left.Count == 0 || waited == 59)
            {
                return left;
            }

            await Task.Delay(500);
        }

        return [];
    }

    private static bool IsSystemProcess(string name) => name is "dcp" or "Bank.Silo" or "Bank.Api" or "redis-server" or "postgres" || name.StartsWith("dcp", StringComparison.Ordinal);

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
}
