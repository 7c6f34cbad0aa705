using Platform.Actors.Membership;

namespace Platform.Actors.Cluster;

/// <summary>Filled in by <see cref="ClusterSilo"/> when the listener has its port.</summary>
internal sealed class LocalSiloDetails : ILocalSiloDetails
{
    private static int s_lastGeneration;
    private SiloAddress? _siloAddress;

    public SiloAddress SiloAddress => _siloAddress ?? throw new InvalidOperationException("The silo has not started yet: its address is known once it listens.");

    public SiloAddress? AddressOrNull => _siloAddress;

    public string SiloName { get; set; } = "";

    public void SetAddress(SiloAddress address) => _siloAddress = address;

    /// <summary>Seconds since 2024-01-01, bumped so two silos started in one second in one process still differ.</summary>
    public static int NextGeneration()
    {
        var now = (int)(DateTimeOffset.UtcNow - new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;
        while (true)
        {
            var last = Volatile.Read(ref s_lastGeneration);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }
}
