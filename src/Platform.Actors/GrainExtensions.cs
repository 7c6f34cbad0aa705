using Platform.Actors.CodeGeneration;

namespace Platform.Actors;

/// <summary>Key accessors for grains and grain references: <c>this.GetPrimaryKeyString()</c> inside a grain, or on any reference.</summary>
public static class GrainExtensions
{
    /// <summary>Returns the grain's id.</summary>
    public static GrainId GetGrainId(this IGrain grain) => grain switch
    {
        Grain g => g.GrainId,
        GrainReference r => r.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new InvalidOperationException($"'{grain.GetType()}' is neither a grain nor a grain reference."),
    };

    /// <summary>Returns the key of a grain with a string key (or the canonical string of any key).</summary>
    public static string GetPrimaryKeyString(this IGrain grain) => grain.GetGrainId().Key;

    /// <summary>Returns the Guid key.</summary>
    public static Guid GetPrimaryKey(this IGrain grain) => GrainKeys.ParseGuid(grain.GetGrainId(), out _);

    /// <summary>Returns the Guid key and the key extension of a compound key.</summary>
    public static Guid GetPrimaryKey(this IGrain grain, out string? keyExtension) => GrainKeys.ParseGuid(grain.GetGrainId(), out keyExtension);

    /// <summary>Returns the integer key.</summary>
    public static long GetPrimaryKeyLong(this IGrain grain) => GrainKeys.ParseLong(grain.GetGrainId(), out _);

    /// <summary>Returns the integer key and the key extension of a compound key.</summary>
    public static long GetPrimaryKeyLong(this IGrain grain, out string? keyExtension) => GrainKeys.ParseLong(grain.GetGrainId(), out keyExtension);
}
