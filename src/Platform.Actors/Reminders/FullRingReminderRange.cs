namespace Platform.Actors.Reminders;

/// <summary>The single-silo range: every reminder.</summary>
internal sealed class FullRingReminderRange : IReminderRangeProvider
{
    public (uint Begin, uint End) Range => (0, 0);

    public bool Owns(GrainId grainId) => true;
}
