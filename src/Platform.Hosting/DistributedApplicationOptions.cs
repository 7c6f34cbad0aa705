namespace Platform.Hosting;

/// <summary>How the orchestrator runs an app model.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>The AppHost's command-line arguments.</summary>
    public IReadOnlyList<string> Args { get; set; } = [];

    /// <summary>
    /// The OTLP/HTTP endpoint every process exports telemetry to (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), or null for none.
    /// Defaults to configuration <c>Platform:OtlpEndpoint</c>.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The key sent as <c>x-otlp-api-key</c> (<c>OTEL_EXPORTER_OTLP_HEADERS</c>), or null. Defaults to configuration <c>Platform:OtlpApiKey</c>.</summary>
    public string? OtlpApiKey { get; set; }

    /// <summary>
    /// When true, the dashboard does not start. False by default for an AppHost (configuration <c>Dashboard:Enabled=false</c>
    /// turns it off); true in <c>DistributedApplicationTestingBuilder</c>, where a test opts in by setting it to false.
    /// </summary>
    public bool DisableDashboard { get; set; }

    /// <summary>The folder holding the AppHost's <c>.platform</c> folder; by default the AppHost's project folder.</summary>
    public string? AppHostDirectory { get; set; }

    /// <summary>Where persistent data volumes live; by default <c>{AppHostDirectory}/.platform/data</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Where pid files of running children live, to reap them after a crash; by default <c>{AppHostDirectory}/.platform/state</c>.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Where per-run temporary data lives (deleted at stop); by default the system temp folder.</summary>
    public string? TemporaryDirectory { get; set; }

    /// <summary>When true, fixed ports in the model are ignored and every endpoint gets a free port (tests).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>When true, resource output is echoed to the AppHost console prefixed with <c>[name]</c>, and a resource table is printed at start.</summary>
    public bool EchoResourceOutput { get; set; } = true;

    /// <summary>
    /// The configuration (Debug, Release) projects are built and run in. By default the one the AppHost itself was built
    /// in, so <c>dotnet run -c Release --project AppHost</c> runs Release services; Debug when that is unknown.
    /// </summary>
    public string? ProjectConfiguration { get; set; }

    /// <summary>When true, a missing redis-server or postgresql is installed with apt-get when this process may.</summary>
    public bool InstallMissingBinaries { get; set; } = true;

    /// <summary>How long a graceful stop may take before SIGKILL.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first delay before restarting a crashed process; it doubles up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan InitialRestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between restarts of a crashing process.</summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a resource waits for a dependency before the console shows the dependency's last log lines.</summary>
    public TimeSpan DependencyWarningDelay { get; set; } = TimeSpan.FromSeconds(30);

    // The dashboard's UI address once it listens, for the resource table; set by the dashboard's lifecycle hook.
    internal string? DashboardUrl { get; set; }
}
