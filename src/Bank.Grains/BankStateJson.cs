using System.Text.Json;
using Orleans.Storage;

namespace Bank.Grains;

/// <summary>
/// Stores the bank's grain state as plain JSON (System.Text.Json): no CLR type names or reference ids in the stored
/// rows, as Orleans' default (Newtonsoft) serializer writes them, so renaming or moving a state class does not orphan
/// what is stored, and the rows read plainly in SQL.
/// </summary>
internal sealed class BankStateJson : IGrainStorageSerializer
{
    public static readonly BankStateJson Instance = new();

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)
        ?? throw new InvalidOperationException($"The stored {typeof(T).Name} is JSON null.");
}
