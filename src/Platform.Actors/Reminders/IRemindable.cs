namespace Platform.Actors.Reminders;

/// <summary>
/// Implemented by grains that register reminders: durable, periodic wake-ups stored in the reminder table that
/// activate the grain if needed and survive restarts.
/// </summary>
public interface IRemindable : IGrain
{
    /// <summary>Called on each tick of the reminder named <paramref name="reminderName"/>.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
