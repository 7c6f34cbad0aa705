namespace Platform.Hosting.Dashboard;

/// <summary>Settings of the dashboard: ports, credentials and storage limits.</summary>
/// <example>
/// <code>
/// var options = new DashboardOptions { Port = 0, OtlpPort = 0, MaxLogRecords = 1_000 };
/// </code>
/// </example>
public sealed class DashboardOptions
{
    /// <summary>The default port of the web UI.</summary>
    public const int DefaultPort = 18888;

    /// <summary>The default port of the OTLP/HTTP receiver.</summary>
    public const int DefaultOtlpPort = 18889;

    /// <summary>Gets or sets the web UI's port on 127.0.0.1; 0 picks a free port. Default 18888.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Gets or sets the OTLP/HTTP receiver's port on 127.0.0.1; 0 picks a free port. Default 18889.</summary>
    public int OtlpPort { get; set; } = DefaultOtlpPort;

    /// <summary>Gets or sets the browser login token; a random one is generated when null.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>Gets or sets the key senders must put in the <c>x-otlp-api-key</c> header; a random one is generated when null.</summary>
    public string? OtlpApiKey { get; set; }

    /// <summary>Gets or sets how many log records are kept (oldest evicted first). Default 10,000.</summary>
    public int MaxLogRecords { get; set; } = 10_000;

    /// <summary>Gets or sets how many traces are kept (the oldest whole trace evicted first). Default 10,000.</summary>
    public int MaxTraces { get; set; } = 10_000;

    /// <summary>Gets or sets how many metric points are kept per resource (oldest evicted first). Default 50,000.</summary>
    public int MaxMetricPointsPerResource { get; set; } = 50_000;

    /// <summary>Gets or sets the largest OTLP request body accepted, compressed or not, in bytes. Default 4 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets the name shown in the page title and header. Default <c>Platform</c>.</summary>
    public string ApplicationName { get; set; } = "Platform";
}
