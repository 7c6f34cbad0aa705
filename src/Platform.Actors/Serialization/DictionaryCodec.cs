namespace Platform.Actors.Serialization;

/// <summary>
/// Encodes dictionaries as a nested object of alternating key (field 1) and value (field 2) fields.
/// Reads back a <see cref="Dictionary{TKey, TValue}"/>; also serves <see cref="IReadOnlyDictionary{TKey, TValue}"/>.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class DictionaryCodec<TKey, TValue> : IFieldCodec<Dictionary<TKey, TValue>>, IFieldCodec<IReadOnlyDictionary<TKey, TValue>>
    where TKey : notnull
{
    /// <inheritdoc />
    public void Write(ActorWriter writer, uint fieldId, Dictionary<TKey, TValue> value) => WriteCore(writer, fieldId, value);

    /// <inheritdoc />
    public void Write(ActorWriter writer, uint fieldId, IReadOnlyDictionary<TKey, TValue> value) => WriteCore(writer, fieldId, value);

    /// <inheritdoc />
    public Dictionary<TKey, TValue> Read(ref ActorReader reader, WireType wireType) => ReadCore(ref reader, wireType)!;

    /// <inheritdoc />
    IReadOnlyDictionary<TKey, TValue> IFieldCodec<IReadOnlyDictionary<TKey, TValue>>.Read(ref ActorReader reader, WireType wireType) => ReadCore(ref reader, wireType)!;

    private static void WriteCore(ActorWriter writer, uint fieldId, IEnumerable<KeyValuePair<TKey, TValue>>? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        var keyCodec = Codecs<TKey>.Get();
        var valueCodec = Codecs<TValue>.Get();
        writer.WriteStartObject(fieldId);
        foreach (var pair in value)
        {
            keyCodec.Write(writer, 1, pair.Key);
            valueCodec.Write(writer, 2, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static Dictionary<TKey, TValue>? ReadCore(ref ActorReader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        ActorReader.Expect(wireType, WireType.StartObject, $"Dictionary<{typeof(TKey).Name}, {typeof(TValue).Name}>");
        var keyCodec = Codecs<TKey>.Get();
        var valueCodec = Codecs<TValue>.Get();
        var result = new Dictionary<TKey, TValue>();
        TKey? key = default;
        var haveKey = false;
        while (reader.TryReadTag(out var id, out var wt))
        {
            if (id == 1)
            {
                key = keyCodec.Read(ref reader, wt);
                haveKey = true;
            }
            else if (id == 2 && haveKey)
            {
                result[key!] = valueCodec.Read(ref reader, wt);
                haveKey = false;
            }
            else
            {
                reader.Skip(wt);
            }
        }

        return result;
    }
}
