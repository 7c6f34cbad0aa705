namespace Platform.Actors.Reminders;

/// <summary>Describes one reminder tick.</summary>
/// <param name="FirstTickTime">When the reminder first fires.</param>
/// <param name="Period">The time between ticks.</param>
/// <param name="CurrentTickTime">When this tick was due.</param>
[GenerateSerializer]
public readonly record struct TickStatus(
    [property: Id(0)] DateTimeOffset FirstTickTime,
    [property: Id(1)] TimeSpan Period,
    [property: Id(2)] DateTimeOffset CurrentTickTime);
