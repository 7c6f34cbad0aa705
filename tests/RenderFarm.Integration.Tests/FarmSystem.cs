using Platform.Tests.Shared;

namespace RenderFarm.Integration.Tests;

/// <summary>
/// The AppHost's model started as real processes through Aspire's testing builder, with a known admin token, a data
/// folder of its own, one render slot per farm silo (three silos on two cores are busy enough), and a client of the
/// farm's API.
/// </summary>
internal sealed class FarmSystem(AppHostSystem system, HttpClient http) : IAsyncDisposable
{
    public const string AdminToken = "farm_integration-admin-token";

    public const string SiloResource = "farm-silo";

    public DistributedApplication App => system.App;

    public HttpClient Http { get; } = http;

    public FarmClient Admin { get; } = new(http, AdminToken);

    public static async Task<FarmSystem> StartAsync(CancellationToken cancellationToken, int slots = 1, bool withDashboard = false)
    {
        var system = await AppHostSystem.StartAsync(
            new AppHostSetup("farm-system-", ["farm"], TimeSpan.FromMinutes(4))
            {
                Dashboard = withDashboard,
                AdminToken = AdminToken,
                Configure = builder => SetSiloEnvironment(builder, slots),
            },
            cancellationToken);
        return new FarmSystem(system, system.App.CreateHttpClient("farm"));
    }

    private static void SetSiloEnvironment(IDistributedApplicationTestingBuilder builder, int slots)
    {
        var silo = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == SiloResource);
        silo.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
        {
            env["Farm__Slots"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Idle workers ask often and expired leases are noticed soon, so a lease lost to a paused worker is handed
            // out again well inside the cluster's death detection (two missed 1 s probes): the fault tests pause a
            // silo past its lease without it being declared dead.
            env["Farm__MaxIdlePollMilliseconds"] = "200";
            env["Farm__ExpiryScanMilliseconds"] = "100";
        }));
    }

    /// <summary>
    /// The farm silos' names as the farm reports them (<c>host:port</c>, the silo's endpoint), indexed by replica as
    /// <see cref="ResourceFaults"/> counts replicas: read off each replica's <c>Orleans__Endpoints__SiloPort</c>.
    /// </summary>
    public async Task<IReadOnlyList<string>> FarmSiloNamesAsync(CancellationToken cancellationToken)
    {
        var instances = await App.InstancesOfAsync(SiloResource, cancellationToken);
        return [.. instances.Select(instance =>
        {
            var port = File.ReadAllText($"/proc/{App.PidOf(instance)}/environ").Split('\0')
                .Single(v => v.StartsWith("Orleans__Endpoints__SiloPort=", StringComparison.Ordinal))["Orleans__Endpoints__SiloPort=".Length..];
            return $"127.0.0.1:{port}";
        })];
    }

    /// <summary>The replica whose silo is named <paramref name="silo"/>.</summary>
    public static int ReplicaOf(IReadOnlyList<string> names, string silo)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == silo)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{silo}' is none of the farm's silos ({string.Join(", ", names)}).");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await system.DisposeAsync();
    }
}
