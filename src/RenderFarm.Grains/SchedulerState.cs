namespace RenderFarm.Grains;

/// <summary>The scheduler's durable state: the active jobs, in submission order.</summary>
internal sealed class SchedulerState
{
    public List<ScheduledJob> Jobs { get; set; } = [];

    public long Submissions { get; set; }
}

/// <summary>A job in the queue.</summary>
internal sealed record ScheduledJob(Guid Id, int Priority, long Submission);
