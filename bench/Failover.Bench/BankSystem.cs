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

    private readonly AppHostSystem _system;
    private readonly IReadOnlyDictionary<int, string> _before;

    private BankSystem(AppHostSystem system, ResourceLog log, IReadOnlyDictionary<int, string> before)
    {
        _system = system;
        _before = before;
        Log = log;
        // A handler of our own: no resilience pipeline retrying behind the bench's back, no cap on connections.
        Http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = App.GetEndpoint("api", "http"), Timeout = ClientTimeout };
        Admin = new BankClient(Http, AdminToken);
    }

    public DistributedApplication App => _system.App;

    public ResourceLog Log { get; }

    public HttpClient Http { get; }

    public BankClient Admin { get; }

    public static async Task<BankSystem> StartAsync(CancellationToken cancellationToken)
    {
        var before = ProcessTable.Find(IsSystemProcess);
        var log = new ResourceLog();
        var system = await AppHostSystem.StartAsync(
            new AppHostSetup("failover-bench-", ["api"], TimeSpan.FromMinutes(3))
            {
                // Fixed secrets, so a run neither depends on nor writes the AppHost's user secrets (the cluster certificate aside).
                AdminToken = AdminToken,
                ServerPassword = "failoverbenchpassword0123456789ab",
                // The bank alone, as its whole-system tests run it: with the farm's six processes beside it the load
                // average on 2 cores stood near 30, silos dropped their own local messages as expired, and the figures
                // measured the machine's overload more than the bank's failover.
                Without = ["farm", "farm-silo", "farmdb"],
                Configure = LogMembershipChanges,
                ResourceOutput = log,
            },
            cancellationToken);
        return new BankSystem(system, log, before);
    }

    /// <summary>SIGKILLs <paramref name="instance"/>'s process tree and returns the <see cref="Clock"/> time of the first signal.</summary>
    public double Kill(string instance) => App.KillNow(instance, () => Clock.Now);

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

    /// <summary>
    /// Orleans logs at Warning in the bank's settings; membership changes (a silo declared dead, a silo joining) are
    /// Information, and they are what tells detection from recovery. A handful of lines per change.
    /// </summary>
    private static void LogMembershipChanges(IDistributedApplicationTestingBuilder builder)
    {
        builder.CreateResourceBuilder<ProjectResource>("silo").WithEnvironment("Logging__LogLevel__Orleans.Runtime.MembershipService", "Information");
        builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("Logging__LogLevel__Orleans.Messaging.GatewayManager", "Information");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _system.DisposeAsync();
    }
}
