namespace Platform.Actors.Serialization;

/// <summary>
/// How a field's payload is encoded on the wire. The low three bits of every field tag carry it, so a reader can skip
/// a field it does not know without knowing its type.
/// </summary>
public enum WireType : byte
{
    /// <summary>A variable-length integer (7 bits per byte, little-endian groups).</summary>
    VarInt = 0,

    /// <summary>Eight bytes, little-endian.</summary>
    Fixed64 = 1,

    /// <summary>A varint length followed by that many bytes (strings, byte arrays, Guids, decimals).</summary>
    LengthDelimited = 2,

    /// <summary>The start of a nested object or collection; its fields follow until <see cref="EndObject"/>.</summary>
    StartObject = 3,

    /// <summary>The end of the innermost nested object or collection.</summary>
    EndObject = 4,

    /// <summary>Four bytes, little-endian.</summary>
    Fixed32 = 5,

    /// <summary>A null reference or empty nullable; no payload.</summary>
    Null = 6,
}
