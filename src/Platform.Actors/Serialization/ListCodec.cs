namespace Platform.Actors.Serialization;

/// <summary>Encodes <see cref="List{T}"/> as a nested object whose elements are repeated field 1.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ListCodec<T> : IFieldCodec<List<T>>
{
    /// <inheritdoc />
    public void Write(ActorWriter writer, uint fieldId, List<T> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        var codec = Codecs<T>.Get();
        writer.WriteStartObject(fieldId);
        foreach (var item in value)
        {
            codec.Write(writer, 1, item);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public List<T> Read(ref ActorReader reader, WireType wireType) => ReadList(ref reader, wireType)!;

    /// <summary>Reads the collection format shared by lists, read-only lists and arrays.</summary>
    internal static List<T>? ReadList(ref ActorReader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        ActorReader.Expect(wireType, WireType.StartObject, $"List<{typeof(T).Name}>");
        var codec = Codecs<T>.Get();
        var list = new List<T>();
        while (reader.TryReadTag(out var id, out var wt))
        {
            if (id == 1)
            {
                list.Add(codec.Read(ref reader, wt));
            }
            else
            {
                reader.Skip(wt);
            }
        }

        return list;
    }

    /// <summary>Writes any sequence in the collection format.</summary>
    internal static void WriteSequence(ActorWriter writer, uint fieldId, IEnumerable<T>? value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        var codec = Codecs<T>.Get();
        writer.WriteStartObject(fieldId);
        foreach (var item in value)
        {
            codec.Write(writer, 1, item);
        }

        writer.WriteEndObject();
    }
}
