using System.Collections.Concurrent;

namespace Platform.Orleans.PostgreSql.Tests.Grains;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Start(string reminderName, TimeSpan period);

    Task Stop(string reminderName);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    /// <summary>Ticks per "grain key/reminder name", kept outside the activation: the silos run in the test process.</summary>
    public static ConcurrentDictionary<string, int> Ticks { get; } = new();

    public Task Start(string reminderName, TimeSpan period) => this.RegisterOrUpdateReminder(reminderName, period, period);

    public async Task Stop(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate($"{this.GetPrimaryKeyString()}/{reminderName}", 1, (_, ticks) => ticks + 1);
        return Task.CompletedTask;
    }
}
