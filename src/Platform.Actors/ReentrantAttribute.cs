namespace Platform.Actors;

/// <summary>
/// Lets a grain class interleave requests: a new request may start while another awaits. Turns still run one at a time,
/// so grain code never runs on two threads at once, but state may change across an <c>await</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute
{
}
