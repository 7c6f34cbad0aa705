using Microsoft.Extensions.Options;

namespace RenderFarm.Grains;

/// <summary>
/// The wall clock the farm stamps events and measures leases with: the silo's clock, shifted by
/// <see cref="FarmOptions.ClockSkewSeconds"/> to show (and test) that nothing depends on silos' clocks agreeing.
/// </summary>
public sealed class FarmClock(TimeProvider time, IOptions<FarmOptions> options)
{
    private readonly TimeSpan _skew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds);

    /// <summary>This silo's idea of the time now.</summary>
    public DateTimeOffset Now => time.GetUtcNow() + _skew;
}
