using Platform.Actors.Reminders;

namespace Platform.Actors;

/// <content>Grain reminders.</content>
public abstract partial class Grain
{
    /// <summary>
    /// Registers (or replaces) a durable reminder: it is stored in the reminder table, fires
    /// <see cref="IRemindable.ReceiveReminder"/> every <paramref name="period"/> after <paramref name="dueTime"/>,
    /// activates the grain if needed and survives restarts. The grain must implement <see cref="IRemindable"/>.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (this is not IRemindable)
        {
            throw new InvalidOperationException(
                $"Grain '{GrainId}' registers reminder '{reminderName}' but '{GetType().Name}' does not implement IRemindable; implement IRemindable.ReceiveReminder to receive its ticks.");
        }

        return Activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);
    }

    /// <summary>Returns the reminder with this name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        return Activation.Runtime.Reminders.GetAsync(GrainId, reminderName);
    }

    /// <summary>Returns every reminder of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Activation.Runtime.Reminders.GetAllAsync(GrainId);

    /// <summary>Removes a reminder; it stops firing.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Activation.Runtime.Reminders.UnregisterAsync(GrainId, reminder);
    }
}
