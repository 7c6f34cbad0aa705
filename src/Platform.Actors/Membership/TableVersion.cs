namespace Platform.Actors.Membership;

/// <summary>
/// The membership table's version, which every membership change increments in the same transaction (compare-and-swap),
/// so two silos acting on the same view cannot both succeed.
/// </summary>
/// <param name="Version">The version number.</param>
/// <param name="VersionETag">The stored version this value was derived from; a change succeeds only while it is still the stored one.</param>
public sealed record TableVersion(long Version, string VersionETag)
{
    /// <summary>The version to pass to a change made on top of this one: the number plus one, with this one's ETag as the condition.</summary>
    public TableVersion Next() => this with { Version = Version + 1 };
}
