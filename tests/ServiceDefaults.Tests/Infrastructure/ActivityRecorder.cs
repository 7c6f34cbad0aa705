using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>Records ended activities the way an exporter sees them.</summary>
public sealed class ActivityRecorder : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();

    public IReadOnlyCollection<Activity> Ended => _ended;

    public override void OnEnd(Activity data)
    {
        // Exporters skip activities a sampler or an instrumentation filter dropped; so does this.
        if (data.Recorded)
        {
            _ended.Enqueue(data);
        }
    }

    public async Task WaitForAsync(Func<Activity, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!_ended.Any(predicate))
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
