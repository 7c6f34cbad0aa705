using System.Text.Json;
using Orleans.Storage;

namespace Platform.Orleans.Defaults;

/// <summary>
/// Stores grain state as plain JSON (System.Text.Json, general defaults: property names as declared, no converters of
/// its own): no CLR type names or reference ids in the stored rows, as Orleans' default (Newtonsoft) serializer writes
/// them, so renaming or moving a state class does not orphan what is stored, and the rows read plainly in SQL.
/// </summary>
/// <remarks>
/// The format is the stored data's: changing these options changes how every row already written is read. Set it on a
/// storage provider's options, e.g.
/// <code>
/// silo.Services.AddOptions&lt;AdoNetGrainStorageOptions&gt;("bank")
///     .PostConfigure(o =&gt; o.GrainStorageSerializer = PlainJsonGrainStorageSerializer.Instance);
/// </code>
/// </remarks>
public sealed class PlainJsonGrainStorageSerializer : IGrainStorageSerializer
{
    /// <summary>The one instance; it holds no state but its options.</summary>
    public static readonly PlainJsonGrainStorageSerializer Instance = new();

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    private PlainJsonGrainStorageSerializer()
    {
    }

    /// <inheritdoc/>
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The stored value is JSON <c>null</c>.</exception>
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.ToObjectFromJson<T>(Options) ?? throw new InvalidOperationException($"The stored {typeof(T).Name} is JSON null.");
    }
}
