using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AppHost.Bench;

/// <summary>When one resource got where: each state first seen (any replica), last replica running, each health check finished, healthy.</summary>
internal sealed record ResourceTimeline(string Resource, List<StateAt> States, double? RunningMs, List<double> ChecksMs, double HealthyMs);

/// <summary>A resource state and when it was first seen.</summary>
internal sealed record StateAt(string State, double AtMs);

/// <summary>The RSS (and PSS) of one kind of process while the system runs, and one command line of that kind.</summary>
internal sealed record MemoryRow(string What, int Count, long RssKiB, long PssKiB, string Example = "");

/// <summary>One start of the AppHost, as the child process measured it. Times are ms from the call to StartAsync.</summary>
internal sealed record AppHostResult(
    bool Dashboard,
    double CreateBuildMs,
    double StartReturnedMs,
    Dictionary<string, double> HealthyMs,
    double AllHealthyMs,
    double? ApiAnswersMs,
    List<ResourceTimeline> Timeline,
    List<MemoryRow> Memory,
    double StopMs,
    bool PostgresRecovered,
    List<string> Left);

/// <summary>
/// One start of the AppHost through Aspire's testing builder, in a process of its own (so every run pays what a
/// `dotnet run --project AppHost` pays: the JIT of Aspire's hosting, DCP's start), timed until every resource is healthy.
/// </summary>
internal static class AppHostRun
{
    public static readonly string[] Resources = ["redis", "postgres", "bankdb", "silo", "api"];

    public static async Task<AppHostResult> RunAsync(string dataDirectory, bool dashboard, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var rssBefore = ProcFs.RssKiB(Environment.ProcessId);
        var pssBefore = ProcFs.PssKiB(Environment.ProcessId);

        var created = Stopwatch.GetTimestamp();
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [], (options, _) => options.DisableDashboard = !dashboard, cancellationToken);
        builder.Configuration["LocalServers:DataDirectory"] = dataDirectory;
        foreach (var (name, value) in Secrets.Parameters)
        {
            builder.Configuration[$"Parameters:{name}"] = value;
        }

        builder.Services.AddLogging(logging => logging
            .AddSimpleConsole()
            .SetMinimumLevel(LogLevel.Warning)
            // Failing checks while resources start are expected.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            // The servers' own output (PostgreSQL logs to stderr, which Aspire logs as errors).
            .AddFilter<ConsoleLoggerProvider>("AppHost.Resources", LogLevel.None));
        var recovery = new RecoveryWatcher();
        builder.Services.AddSingleton<ILoggerProvider>(recovery);
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

        await using var app = await builder.BuildAsync(cancellationToken);
        var createBuildMs = Stopwatch.GetElapsedTime(created).TotalMilliseconds;

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var startUtc = DateTime.UtcNow;
        double Since() => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        var events = new List<(double At, ResourceEvent Event)>();
        var watch = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in app.ResourceNotifications.WatchAsync(watching.Token))
                {
                    lock (events)
                    {
                        events.Add((Since(), e));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Done watching.
            }
        }, CancellationToken.None);

        var healthy = Resources.ToDictionary(r => r, async r =>
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(r, cancellationToken);
            return Since();
        });

        await app.StartAsync(cancellationToken);
        var startReturnedMs = Since();

        // The API's own answer, polled every 50 ms beside Aspire's health checks: what the checks' cadence adds.
        var apiAnswers = PollHealthAsync(app, "api", Since, cancellationToken);
        await Task.WhenAll(healthy.Values);
        var allHealthyMs = Since();
        var apiAnswersMs = await apiAnswers;

        if (dashboard)
        {
            // Let the dashboard and the projects settle after their first requests.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        var started = ProcFs.TreeOf(Environment.ProcessId, ProcFs.Snapshot());
        var memory = dashboard ? Memory(started, rssBefore, pssBefore) : [];

        await watching.CancelAsync();
        await watch;

        var stopping = Stopwatch.GetTimestamp();
        // Disposing twice (here and at the end of the scope) is harmless: the second does nothing.
        await app.DisposeAsync();
        await builder.DisposeAsync();
        var left = await ProcFs.WaitGoneAsync(started, TimeSpan.FromSeconds(30));
        var stopMs = Stopwatch.GetElapsedTime(stopping).TotalMilliseconds;

        var healthyMs = new Dictionary<string, double>();
        foreach (var (name, task) in healthy)
        {
            healthyMs[name] = await task;
        }

        return new AppHostResult(
            dashboard, createBuildMs, startReturnedMs, healthyMs, allHealthyMs, apiAnswersMs,
            Timeline(events, healthyMs, startUtc), memory, stopMs, recovery.Recovered,
            left.Select(p => $"{p.Name} ({p.Pid})").ToList());
    }

    private static async Task<double?> PollHealthAsync(DistributedApplication app, string resource, Func<double> since, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = app.GetEndpoint(resource, "http"), Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return since();
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (or DCP's proxy has no replica behind it yet).
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One slow answer; ask again.
            }

            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private static List<MemoryRow> Memory(List<ProcInfo> started, long rssBefore, long pssBefore)
    {
        var self = Environment.ProcessId;
        var rows = new List<MemoryRow>
        {
            new("AppHost (in this process, RSS minus the RSS before CreateAsync)", 1, ProcFs.RssKiB(self) - rssBefore, ProcFs.PssKiB(self) - pssBefore),
        };

        static string Kind(ProcInfo p) => p.Name switch
        {
            var n when n.StartsWith("dcp", StringComparison.Ordinal) && p.CommandLine.Contains(" monitor-process ", StringComparison.Ordinal) => "dcp monitor-process (one per process DCP runs)",
            var n when n.StartsWith("dcp", StringComparison.Ordinal) => "dcp (apiserver, controllers)",
            var n when n.StartsWith("Aspire.Dashboa", StringComparison.Ordinal) => "dashboard (Aspire.Dashboard)",
            "redis-server" => "redis-server",
            "postgres" => "postgres (postmaster and its workers)",
            "Bank.Silo" => "Bank.Silo",
            "Bank.Api" => "Bank.Api",
            "dotnet" when p.CommandLine.Contains(" run ", StringComparison.Ordinal) => "dotnet run (DCP starts each project through it)",
            var n => n,
        };

        foreach (var group in started.GroupBy(Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var example = group.First().CommandLine;
            rows.Add(new MemoryRow(
                group.Key, group.Count(), group.Sum(p => ProcFs.RssKiB(p.Pid)), group.Sum(p => ProcFs.PssKiB(p.Pid)),
                example.Length > 200 ? example[..200] + "…" : example));
        }

        return rows;
    }

    private static List<ResourceTimeline> Timeline(List<(double At, ResourceEvent Event)> events, Dictionary<string, double> healthyMs, DateTime startUtc)
    {
        var timeline = new List<ResourceTimeline>();
        foreach (var name in Resources)
        {
            var mine = events.Where(e => e.Event.Resource.Name == name).ToList();
            double? FirstIn(string resourceId, string state) =>
                mine.Where(e => e.Event.ResourceId == resourceId && e.Event.Snapshot.State?.Text == state).Select(e => (double?)e.At).FirstOrDefault();

            var ids = mine.Select(e => e.Event.ResourceId).Distinct().ToList();
            var states = mine
                .Where(e => e.Event.Snapshot.State?.Text is { Length: > 0 })
                .GroupBy(e => e.Event.Snapshot.State!.Text)
                .Select(g => new StateAt(g.Key, g.Min(e => e.At)))
                .OrderBy(s => s.AtMs)
                .ToList();
            var runningAll = ids.Select(id => FirstIn(id, KnownResourceStates.Running)).ToList();
            var running = runningAll.Count > 0 && runningAll.All(t => t is not null) ? runningAll.Max() : null;
            var checks = mine
                .SelectMany(e => e.Event.Snapshot.HealthReports)
                .Where(r => r.LastRunAt is not null && r.Status is not null)
                .Select(r => Math.Round((r.LastRunAt!.Value - startUtc).TotalMilliseconds))
                .Distinct()
                .Where(t => t <= healthyMs[name] + 50)
                .Order()
                .ToList();
            timeline.Add(new ResourceTimeline(name, states, running, checks, healthyMs[name]));
        }

        return timeline;
    }
}

/// <summary>Notes whether PostgreSQL replayed its WAL at start: the previous run did not shut it down cleanly.</summary>
internal sealed class RecoveryWatcher : ILoggerProvider
{
    private volatile bool _recovered;

    public bool Recovered => _recovered;

    public ILogger CreateLogger(string categoryName) => new Watcher(this, categoryName == "AppHost.Resources.postgres");

    public void Dispose()
    {
    }

    private sealed class Watcher(RecoveryWatcher owner, bool isPostgres) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => isPostgres;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (isPostgres && formatter(state, exception) is var line
                && (line.Contains("not properly shut down", StringComparison.Ordinal) || line.Contains("redo starts", StringComparison.Ordinal)))
            {
                owner._recovered = true;
            }
        }
    }
}
