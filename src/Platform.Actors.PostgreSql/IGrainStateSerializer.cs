namespace Platform.Actors.PostgreSql;

/// <summary>
/// Turns grain state into the JSON stored in the <c>payload jsonb</c> column and back. The default is
/// <see cref="JsonGrainStateSerializer"/>; register another as a singleton (or keyed by storage name) to replace it.
/// Whatever it produces must be valid JSON, because PostgreSQL parses it into <c>jsonb</c>.
/// </summary>
public interface IGrainStateSerializer
{
    /// <summary>Serializes <paramref name="state"/> to a JSON text.</summary>
    /// <typeparam name="T">The declared state type.</typeparam>
    /// <param name="state">The state to store.</param>
    /// <returns>A JSON text.</returns>
    string Serialize<T>(T state);

    /// <summary>Deserializes a JSON text written by <see cref="Serialize{T}(T)"/>, possibly by an older version of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The declared state type.</typeparam>
    /// <param name="json">The stored JSON text (PostgreSQL normalises <c>jsonb</c>: key order and whitespace may differ from what was written).</param>
    /// <returns>The state, or null when the JSON is <c>null</c>.</returns>
    T? Deserialize<T>(string json);
}
