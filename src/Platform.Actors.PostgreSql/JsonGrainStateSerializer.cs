using System.Text.Json;

namespace Platform.Actors.PostgreSql;

/// <summary>
/// The default <see cref="IGrainStateSerializer"/>: System.Text.Json with its general defaults. Public properties are stored by their
/// C# names, so the payload reads plainly in psql; members are matched by name, so adding a property (it reads as its default) or removing one
/// (its stored value is ignored) is safe, while renaming one loses its stored value. Records bind through their constructors; fields are not stored.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStateSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the serializer.</summary>
    /// <param name="options">The System.Text.Json options; null for <see cref="JsonSerializerDefaults.General"/>.</param>
    public JsonGrainStateSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);
    }

    /// <summary>A shared instance with the default options.</summary>
    public static JsonGrainStateSerializer Default { get; } = new();

    /// <inheritdoc />
    public string Serialize<T>(T state) => JsonSerializer.Serialize(state, _options);

    /// <inheritdoc />
    public T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, _options);
}
