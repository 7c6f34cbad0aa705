using System.Text;

namespace Platform.Actors;

/// <summary>
/// Identifies one grain: its type name (e.g. <c>account</c>) and its key, both as strings.
/// Integer, Guid and compound keys are carried in their canonical string form.
/// </summary>
/// <param name="Type">The grain type name, stable across versions.</param>
/// <param name="Key">The grain key in canonical form.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>
    /// A hash of the id that is the same in every process and every version, used for placement
    /// and for partitioning reminders over silos. Never <see cref="string.GetHashCode()"/>, which is randomised per process.
    /// </summary>
    public uint GetUniformHashCode()
    {
        // FNV-1a over "type/key" in UTF-8: cheap, stable and well spread for short keys.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(ToString()))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    /// <summary>Returns <c>type/key</c>, the form used in logs and error messages.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
