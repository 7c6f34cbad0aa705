using Orleans.Storage;

namespace Platform.Orleans.PostgreSql.Tests.Infrastructure;

/// <summary>
/// Hashes every grain id and type to the same number, so that only the full identity columns tell grain states
/// apart: proves the queries compare the whole identity, not just the provider's hashes.
/// </summary>
public sealed class CollidingHashPicker : IStorageHasherPicker
{
    private static readonly IHasher Colliding = new CollidingHasher();

    public ICollection<IHasher> HashProviders { get; } = [Colliding];

    public IHasher? PickHasher<T>(string serviceId, string storageProviderInstanceName, string grainType, GrainId grainId, IGrainState<T> grainState, string? tag = null)
        => Colliding;

    private sealed class CollidingHasher : IHasher
    {
        public string Description => "Every input hashes to 7.";

        public int Hash(byte[] data) => 7;
    }
}
