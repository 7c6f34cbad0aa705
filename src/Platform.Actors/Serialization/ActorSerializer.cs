namespace Platform.Actors.Serialization;

/// <summary>Serializes whole values in the actor wire format (the value is field 0 of the payload).</summary>
public static class ActorSerializer
{
    /// <summary>Serializes <paramref name="value"/> to a new byte array.</summary>
    /// <exception cref="ActorSerializationException">The type has no codec.</exception>
    public static byte[] Serialize<T>(T value)
    {
        var writer = ActorWriter.Rent();
        try
        {
            Codecs<T>.Get().Write(writer, 0, value);
            return writer.ToArray();
        }
        finally
        {
            ActorWriter.Return(writer);
        }
    }

    /// <summary>Deserializes a value written by <see cref="Serialize{T}"/>; an empty payload yields the default.</summary>
    /// <exception cref="ActorSerializationException">The payload is corrupt or does not match the type.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> payload)
    {
        var codec = Codecs<T>.Get();
        try
        {
            var reader = new ActorReader(payload);
            var result = default(T)!;
            while (reader.TryReadTag(out var id, out var wireType))
            {
                if (id == 0)
                {
                    result = codec.Read(ref reader, wireType);
                }
                else
                {
                    reader.Skip(wireType);
                }
            }

            return result;
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ActorSerializationException($"The payload for '{typeof(T)}' is truncated or corrupt ({payload.Length} bytes).", ex);
        }
    }

    /// <summary>Copies a value by serializing it and reading it back, as every grain call does for its arguments and result.</summary>
    public static T DeepCopy<T>(T value) => Deserialize<T>(Serialize(value));
}
