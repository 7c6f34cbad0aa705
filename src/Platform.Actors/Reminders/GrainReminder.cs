namespace Platform.Actors.Reminders;

/// <summary>A reminder handle: the table row's identity and version.</summary>
internal sealed record GrainReminder(GrainId GrainId, string ReminderName, string ETag) : IGrainReminder;
