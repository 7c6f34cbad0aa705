namespace Platform.Actors.Reminders;

/// <summary>Durable storage of reminders. Rows are partitioned by <see cref="GrainId.GetUniformHashCode"/> so silos can each own a range.</summary>
public interface IReminderTable
{
    /// <summary>Creates what the table needs (idempotent).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads every reminder of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every reminder whose grain hash is in the range (<paramref name="beginHash"/>, <paramref name="endHash"/>],
    /// wrapping past <see cref="uint.MaxValue"/> when <paramref name="beginHash"/> ≥ <paramref name="endHash"/>
    /// (so <c>(x, x]</c> is the whole ring).
    /// </summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginHash, uint endHash, CancellationToken cancellationToken = default);

    /// <summary>Reads one reminder, or null when there is none.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a reminder and returns its new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes a reminder if its stored ETag equals <paramref name="eTag"/>; returns false when it did not.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default);
}
