using System.Text.Json;
using Orleans.Storage;

namespace RenderFarm.Grains;

/// <summary>The farm's grain state as plain JSON (System.Text.Json), readable in SQL and free of CLR type names.</summary>
internal sealed class FarmStateJson : IGrainStorageSerializer
{
    public static readonly FarmStateJson Instance = new();

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)
        ?? throw new InvalidOperationException($"The stored {typeof(T).Name} is JSON null.");
}
