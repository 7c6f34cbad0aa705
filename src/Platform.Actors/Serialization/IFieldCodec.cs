namespace Platform.Actors.Serialization;

/// <summary>Writes and reads one type as a field of the tagged wire format. Generated for [GenerateSerializer] types; built in for the rest.</summary>
/// <typeparam name="T">The type the codec handles.</typeparam>
public interface IFieldCodec<T>
{
    /// <summary>Writes <paramref name="value"/> as field <paramref name="fieldId"/>: its tag, then its payload.</summary>
    void Write(ActorWriter writer, uint fieldId, T value);

    /// <summary>Reads a payload whose tag (with <paramref name="wireType"/>) has just been read.</summary>
    T Read(ref ActorReader reader, WireType wireType);
}
