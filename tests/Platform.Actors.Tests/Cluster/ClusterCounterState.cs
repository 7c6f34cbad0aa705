namespace Platform.Actors.Tests.Cluster;

public sealed class ClusterCounterState
{
    public int Count { get; set; }
}
