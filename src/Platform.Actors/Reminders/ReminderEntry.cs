namespace Platform.Actors.Reminders;

/// <summary>A durable reminder as the reminder table stores it.</summary>
/// <param name="GrainId">The grain the reminder wakes.</param>
/// <param name="ReminderName">The reminder's name, unique per grain.</param>
/// <param name="StartAt">When the reminder first fires.</param>
/// <param name="Period">The time between ticks after the first.</param>
/// <param name="ETag">The stored version; null for an entry not yet written.</param>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, string? ETag = null);
