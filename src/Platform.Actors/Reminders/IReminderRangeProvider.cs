namespace Platform.Actors.Reminders;

/// <summary>
/// Which part of the reminder table this silo fires. A single silo owns the whole ring; the cluster issue replaces this
/// with a provider derived from membership (each silo a range of <see cref="GrainId.GetUniformHashCode"/>), and calls
/// the reminder service's refresh when the range changes.
/// </summary>
internal interface IReminderRangeProvider
{
    /// <summary>The owned range (<c>Begin</c>, <c>End</c>]; equal values mean the whole ring.</summary>
    (uint Begin, uint End) Range { get; }

    /// <summary>True when this silo fires the reminders of <paramref name="grainId"/>.</summary>
    bool Owns(GrainId grainId);
}
