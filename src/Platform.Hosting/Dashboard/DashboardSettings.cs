using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Dashboard;

// The AppHost's Dashboard:* configuration (environment Dashboard__Port, ...), turned into DashboardOptions.
internal sealed class DashboardSettings
{
    public const string EnabledKey = "Dashboard:Enabled";
    public const string PortKey = "Dashboard:Port";
    public const string OtlpPortKey = "Dashboard:OtlpPort";
    public const string BrowserTokenKey = "Dashboard:BrowserToken";
    public const string OtlpApiKeyKey = "Dashboard:OtlpApiKey";

    private DashboardSettings(DashboardOptions options) => Options = options;

    public DashboardOptions Options { get; }

    /// <summary>Whether the dashboard runs: <c>Dashboard:Enabled</c> when set, else the options' default.</summary>
    public static bool IsEnabled(IConfiguration configuration, DistributedApplicationOptions options)
    {
        var value = configuration[EnabledKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return !options.DisableDashboard;
        }

        return bool.TryParse(value, out var enabled)
            ? enabled
            : throw new DistributedApplicationException($"Configuration {EnabledKey} is '{value}'; use true or false.");
    }

    public static DashboardSettings Read(IConfiguration configuration, bool randomizePorts)
    {
        var options = new DashboardOptions
        {
            Port = ReadPort(configuration, PortKey, DashboardOptions.DefaultPort),
            OtlpPort = ReadPort(configuration, OtlpPortKey, DashboardOptions.DefaultOtlpPort),
            BrowserToken = NullIfEmpty(configuration[BrowserTokenKey]),
            OtlpApiKey = NullIfEmpty(configuration[OtlpApiKeyKey]),
        };
        if (randomizePorts)
        {
            // Tests run side by side: like every other endpoint, the dashboard takes free ports.
            options.Port = 0;
            options.OtlpPort = 0;
        }

        return new DashboardSettings(options);
    }

    /// <summary>Fails with one line naming the port and the key to change when a fixed port is taken.</summary>
    public void EnsurePortsFree()
    {
        EnsureFree(Options.Port, PortKey, "web UI");
        EnsureFree(Options.OtlpPort, OtlpPortKey, "OTLP receiver");
    }

    private static void EnsureFree(int port, string key, string what)
    {
        if (port == 0)
        {
            return;
        }

        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
        }
        catch (SocketException)
        {
            var env = key.Replace(":", "__", StringComparison.Ordinal);
            throw new DistributedApplicationException(
                $"Port {port} for the dashboard's {what} is already in use by another process: stop that process, or set {key} (environment {env}) to another port, or 0 for a free one.");
        }
    }

    private static int ReadPort(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort
            ? port
            : throw new DistributedApplicationException($"Configuration {key} is '{value}'; use a port number from 0 (a free port) to 65535.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
