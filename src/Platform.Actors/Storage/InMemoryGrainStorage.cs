using System.Globalization;
using System.Text.Json;

namespace Platform.Actors.Storage;

/// <summary>
/// Grain storage held in this process's memory, for runtime unit tests and local experiments; everything is lost when the process exits.
/// It follows the PostgreSQL provider's rules exactly, so a test against it proves the same behaviour:
/// <list type="bullet">
/// <item>the ETag is the record's version (<c>"1"</c>, <c>"2"</c>, …), incremented by every write and clear;</item>
/// <item>a write with a null ETag creates the record and fails when one exists (even a cleared one);</item>
/// <item>a write or clear with an ETag succeeds only while the stored version equals it, else throws <see cref="InconsistentStateException"/> and changes nothing;</item>
/// <item>a clear keeps a tombstone with the next version, so an ETag read before the clear never matches again.</item>
/// </list>
/// The state is stored as JSON (System.Text.Json), so a caller that mutates its object after a write cannot change what is stored,
/// and a state type that JSON cannot round-trip fails here as it would in PostgreSQL.
/// </summary>
/// <example>
/// <code>
/// services.AddInMemoryGrainStorage("Default");
/// </code>
/// </example>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General);

    private readonly Dictionary<RecordKey, StoredRecord> _records = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        Run(() => Read(stateName, grainId, grainState, cancellationToken));

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        Run(() => Write(stateName, grainId, grainState, cancellationToken));

    /// <inheritdoc />
    /// <remarks>
    /// Keeps a tombstone: afterwards <see cref="IGrainState{T}.ETag"/> is the tombstone's version (not null), <see cref="IGrainState{T}.RecordExists"/>
    /// is false and <see cref="IGrainState{T}.State"/> is a new default instance. Clearing with a null ETag when no record exists does nothing.
    /// </remarks>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        Run(() => Clear(stateName, grainId, grainState, cancellationToken));

    // Failures become faulted tasks, as from a provider that does I/O, so callers see them where they await.
    private static Task Run(Action operation)
    {
        try
        {
            operation();
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private void Read<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();

        StoredRecord? record;
        lock (_gate)
        {
            _records.TryGetValue(new RecordKey(grainId, stateName), out record);
        }

        if (record?.Payload is { } payload)
        {
            grainState.State = JsonSerializer.Deserialize<T>(payload, JsonOptions) ?? CreateDefault<T>(stateName);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = CreateDefault<T>(stateName);
            grainState.RecordExists = false;
        }

        // A tombstone still carries its version: the next write must be conditional on it.
        grainState.ETag = record is null ? null : FormatVersion(record.Version);
    }

    private void Write<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();

        // Serialize outside the lock: it is the slow part and touches only the caller's object.
        var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, JsonOptions);
        var newVersion = Swap(stateName, grainId, grainState.ETag, payload, "Writing");

        grainState.ETag = FormatVersion(newVersion!.Value);
        grainState.RecordExists = true;
    }

    private void Clear<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();

        var newVersion = Swap(stateName, grainId, grainState.ETag, payload: null, "Clearing");

        grainState.ETag = newVersion is null ? null : FormatVersion(newVersion.Value);
        grainState.RecordExists = false;
        grainState.State = CreateDefault<T>(stateName);
    }

    // Compare-and-swap of one record; returns the new version, or null for a clear of nothing.
    private long? Swap(string stateName, GrainId grainId, string? eTag, byte[]? payload, string action)
    {
        var key = new RecordKey(grainId, stateName);
        var expected = ParseVersion(eTag);
        lock (_gate)
        {
            var exists = _records.TryGetValue(key, out var current);
            if (eTag is null && !exists)
            {
                if (payload is null)
                {
                    return null;
                }

                _records[key] = new StoredRecord(1, payload);
                return 1;
            }

            if (!exists || current!.Version != expected)
            {
                throw Conflict(action, stateName, grainId, exists ? FormatVersion(current!.Version) : null, eTag);
            }

            var next = current.Version + 1;
            _records[key] = new StoredRecord(next, payload);
            return next;
        }
    }

    private static long? ParseVersion(string? eTag) =>
        eTag is null ? null
        : long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : -1; // Never a stored version, so the swap fails with a conflict that names the foreign ETag.

    private static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string action, string stateName, GrainId grainId, string? storedETag, string? currentETag) =>
        new(
            $"{action} state '{stateName}' of grain '{grainId}' failed: the stored version is {storedETag ?? "none"} but this activation holds " +
            $"{currentETag ?? "none"}, so another activation wrote first. Nothing was changed; deactivate and read the state again before retrying.",
            storedETag,
            currentETag);

    private static T CreateDefault<T>(string stateName)
    {
        try
        {
            return Activator.CreateInstance<T>();
        }
        catch (MissingMethodException)
        {
            // Records whose parameters all have defaults have no parameterless constructor; JSON binds them from an empty object.
            try
            {
                return JsonSerializer.Deserialize<T>("{}", JsonOptions)
                    ?? throw new InvalidOperationException($"State type '{typeof(T)}' deserialized from an empty object as null.");
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"State '{stateName}' has type '{typeof(T)}', which has no public parameterless constructor, so a grain without stored state " +
                    "cannot start from a default instance. Give the type a parameterless constructor.",
                    ex);
            }
        }
    }

    private readonly record struct RecordKey(GrainId GrainId, string StateName);

    // Payload null marks a tombstone left by a clear.
    private sealed record StoredRecord(long Version, byte[]? Payload);
}
