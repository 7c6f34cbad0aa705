using Platform.Actors.Reminders;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests.Grains;

[GrainType("reminder-test")]
public sealed class ReminderGrain : Grain, IReminderGrain
{
    public Task RegisterAsync(string name, TimeSpan period) => RegisterOrUpdateReminder(name, TimeSpan.Zero, period);

    public async Task<bool> UnregisterAsync(string name)
    {
        var reminder = await GetReminder(name);
        if (reminder is null)
        {
            return false;
        }

        await UnregisterReminder(reminder);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListAsync() => [.. (await GetReminders()).Select(r => r.ReminderName)];

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Probe.Record(this.GetPrimaryKeyString(), "tick:" + reminderName);
        return Task.CompletedTask;
    }
}
