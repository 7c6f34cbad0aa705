using Platform.Actors.Reminders;

namespace Platform.Actors.Tests.Storage;

/// <summary>The rules every <see cref="IReminderTable"/> must keep, run against each table by a derived <c>…Tests</c> class.</summary>
public abstract class ReminderTableContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 17, 0, 0, 123, TimeSpan.Zero);
    private readonly List<IReminderTable> _created = [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var table in _created)
        {
            if (table is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>Creates a table over this test's (initially empty) store.</summary>
    protected abstract Task<IReminderTable> CreateTableCoreAsync();

    protected async Task<IReminderTable> CreateTableAsync()
    {
        var table = await CreateTableCoreAsync();
        _created.Add(table);
        await table.InitializeAsync();
        return table;
    }

    private static ReminderEntry Entry(string key, string name = "tick", int periodSeconds = 60) =>
        new(new GrainId("timer", key), name, Start, TimeSpan.FromSeconds(periodSeconds));

    [Fact]
    public async Task InitializeAsync_CalledAgain_Succeeds()
    {
        var table = await CreateTableAsync();
        await table.UpsertRowAsync(Entry("1"));

        await table.InitializeAsync();

        Assert.NotNull(await table.ReadRowAsync(new GrainId("timer", "1"), "tick"));
    }

    [Fact]
    public async Task ReadRowAsync_NoReminder_ReturnsNull()
    {
        var table = await CreateTableAsync();

        Assert.Null(await table.ReadRowAsync(new GrainId("timer", "1"), "tick"));
        Assert.Empty(await table.ReadRowsAsync(new GrainId("timer", "1")));
    }

    [Fact]
    public async Task UpsertRowAsync_NewReminder_ReadRowReturnsItWithTheSameETag()
    {
        var table = await CreateTableAsync();

        var eTag = await table.UpsertRowAsync(Entry("1", periodSeconds: 90));

        var row = await table.ReadRowAsync(new GrainId("timer", "1"), "tick");
        Assert.NotNull(row);
        Assert.Equal(Entry("1", periodSeconds: 90) with { ETag = eTag }, row);
        Assert.Equal(TimeSpan.Zero, row.StartAt.Offset);
    }

    [Fact]
    public async Task UpsertRowAsync_StartAtWithOffset_IsStoredAsTheSameInstantInUtc()
    {
        var table = await CreateTableAsync();
        var local = new DateTimeOffset(2026, 11, 21, 19, 30, 0, TimeSpan.FromHours(2));

        await table.UpsertRowAsync(Entry("1") with { StartAt = local });

        var row = await table.ReadRowAsync(new GrainId("timer", "1"), "tick");
        Assert.Equal(local.UtcDateTime, row!.StartAt.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, row.StartAt.Offset);
    }

    [Fact]
    public async Task UpsertRowAsync_ExistingReminder_ReplacesItAndChangesTheETag()
    {
        var table = await CreateTableAsync();
        var first = await table.UpsertRowAsync(Entry("1", periodSeconds: 60));

        var second = await table.UpsertRowAsync(Entry("1", periodSeconds: 120));

        Assert.NotEqual(first, second);
        var rows = await table.ReadRowsAsync(new GrainId("timer", "1"));
        var row = Assert.Single(rows);
        Assert.Equal(TimeSpan.FromSeconds(120), row.Period);
        Assert.Equal(second, row.ETag);
    }

    [Fact]
    public async Task RemoveRowAsync_CurrentETag_RemovesAndReturnsTrue()
    {
        var table = await CreateTableAsync();
        var eTag = await table.UpsertRowAsync(Entry("1"));

        Assert.True(await table.RemoveRowAsync(new GrainId("timer", "1"), "tick", eTag));

        Assert.Null(await table.ReadRowAsync(new GrainId("timer", "1"), "tick"));
    }

    [Fact]
    public async Task RemoveRowAsync_StaleETag_ReturnsFalseAndKeepsTheReminder()
    {
        var table = await CreateTableAsync();
        var stale = await table.UpsertRowAsync(Entry("1"));
        var current = await table.UpsertRowAsync(Entry("1", periodSeconds: 5));

        Assert.False(await table.RemoveRowAsync(new GrainId("timer", "1"), "tick", stale));
        Assert.False(await table.RemoveRowAsync(new GrainId("timer", "1"), "tick", "not-an-etag"));

        Assert.Equal(current, (await table.ReadRowAsync(new GrainId("timer", "1"), "tick"))!.ETag);
    }

    [Fact]
    public async Task RemoveRowAsync_ETagFromBeforeRemoveAndReAdd_ReturnsFalse()
    {
        var table = await CreateTableAsync();
        var old = await table.UpsertRowAsync(Entry("1"));
        Assert.True(await table.RemoveRowAsync(new GrainId("timer", "1"), "tick", old));
        var readded = await table.UpsertRowAsync(Entry("1"));

        Assert.NotEqual(old, readded);
        Assert.False(await table.RemoveRowAsync(new GrainId("timer", "1"), "tick", old));
        Assert.NotNull(await table.ReadRowAsync(new GrainId("timer", "1"), "tick"));
    }

    [Fact]
    public async Task RemoveRowAsync_NoReminder_ReturnsFalse()
    {
        var table = await CreateTableAsync();

        Assert.False(await table.RemoveRowAsync(new GrainId("timer", "1"), "tick", "1"));
    }

    [Fact]
    public async Task ReadRowsAsync_Grain_ReturnsOnlyThatGrainsReminders()
    {
        var table = await CreateTableAsync();
        await table.UpsertRowAsync(Entry("1", "a"));
        await table.UpsertRowAsync(Entry("1", "b"));
        await table.UpsertRowAsync(Entry("2", "a"));
        await table.UpsertRowAsync(new ReminderEntry(new GrainId("other", "1"), "a", Start, TimeSpan.FromMinutes(1)));

        var rows = await table.ReadRowsAsync(new GrainId("timer", "1"));

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(new GrainId("timer", "1"), r.GrainId));
    }

    [Fact]
    public async Task ReadRowsAsync_HashRange_ReturnsHashesAboveBeginUpToAndIncludingEnd()
    {
        var (table, hashes) = await CreateTableWithGrainsAsync(40);

        var rows = await table.ReadRowsAsync(hashes[5], hashes[10]);

        Assert.Equal(hashes[6..11], HashesOf(rows));
    }

    [Fact]
    public async Task ReadRowsAsync_BeginAboveEnd_WrapsPastTheTopOfTheRing()
    {
        var (table, hashes) = await CreateTableWithGrainsAsync(40);

        var rows = await table.ReadRowsAsync(hashes[30], hashes[3]);

        Assert.Equal([.. hashes[..4], .. hashes[31..]], HashesOf(rows));
    }

    [Fact]
    public async Task ReadRowsAsync_BeginEqualsEnd_ReturnsTheWholeRing()
    {
        var (table, hashes) = await CreateTableWithGrainsAsync(40);

        Assert.Equal(hashes, HashesOf(await table.ReadRowsAsync(hashes[7], hashes[7])));
        Assert.Equal(hashes, HashesOf(await table.ReadRowsAsync(0, 0)));
        Assert.Equal(hashes, HashesOf(await table.ReadRowsAsync(uint.MaxValue, uint.MaxValue)));
    }

    [Fact]
    public async Task ReadRowsAsync_RangesSplittingTheRing_CoverEveryReminderOnce()
    {
        var (table, hashes) = await CreateTableWithGrainsAsync(40);
        uint[] bounds = [.. new[] { hashes[0], 1u << 30, 1u << 31, uint.MaxValue - 5 }.Distinct().Order()];

        var all = new List<uint>();
        for (var i = 0; i < bounds.Length; i++)
        {
            all.AddRange(HashesOf(await table.ReadRowsAsync(bounds[i], bounds[(i + 1) % bounds.Length])));
        }

        Assert.Equal(hashes, all.Order());
    }

    private async Task<(IReminderTable Table, uint[] SortedHashes)> CreateTableWithGrainsAsync(int count)
    {
        var table = await CreateTableAsync();
        var hashes = new List<uint>();
        for (var i = 0; i < count; i++)
        {
            var entry = Entry($"g{i}");
            hashes.Add(entry.GrainId.GetUniformHashCode());
            await table.UpsertRowAsync(entry);
        }

        Assert.Equal(count, hashes.Distinct().Count());
        return (table, [.. hashes.Order()]);
    }

    private static uint[] HashesOf(IEnumerable<ReminderEntry> rows) => [.. rows.Select(r => r.GrainId.GetUniformHashCode()).Order()];
}
