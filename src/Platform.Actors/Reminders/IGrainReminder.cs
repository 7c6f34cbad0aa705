namespace Platform.Actors.Reminders;

/// <summary>A handle to a registered reminder, returned by <see cref="Grain.RegisterOrUpdateReminder"/>.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique per grain.</summary>
    string ReminderName { get; }
}
