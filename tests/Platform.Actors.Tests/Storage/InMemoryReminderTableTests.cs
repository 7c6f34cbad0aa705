using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Reminders;

namespace Platform.Actors.Tests.Storage;

public sealed class InMemoryReminderTableTests : ReminderTableContract
{
    protected override Task<IReminderTable> CreateTableCoreAsync() => Task.FromResult<IReminderTable>(new InMemoryReminderTable());

    [Fact]
    public async Task UpsertRowAsync_SubMillisecondValues_AreTruncatedAsPostgreSqlStoresThem()
    {
        var table = new InMemoryReminderTable();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

        await table.UpsertRowAsync(new ReminderEntry(new GrainId("timer", "1"), "tick", start, TimeSpan.FromTicks(15_432)));

        var row = await table.ReadRowAsync(new GrainId("timer", "1"), "tick");
        Assert.Equal(start.AddTicks(-7), row!.StartAt);
        Assert.Equal(TimeSpan.FromMilliseconds(1), row.Period);
    }

    [Fact]
    public void AddInMemoryReminderTable_CalledTwice_RegistersOneSingleton()
    {
        var services = new ServiceCollection().AddInMemoryReminderTable().AddInMemoryReminderTable();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryReminderTable>(provider.GetRequiredService<IReminderTable>());
        Assert.Same(provider.GetRequiredService<IReminderTable>(), provider.GetRequiredService<IReminderTable>());
        Assert.Single(services, d => d.ServiceType == typeof(IReminderTable));
    }
}
