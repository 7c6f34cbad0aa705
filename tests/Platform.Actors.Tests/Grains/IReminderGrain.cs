using Platform.Actors.Reminders;

namespace Platform.Actors.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    Task RegisterAsync(string name, TimeSpan period);

    Task<bool> UnregisterAsync(string name);

    Task<IReadOnlyList<string>> ListAsync();
}
