namespace Platform.Hosting.ApplicationModel;

/// <summary>How many processes of the resource run side by side.</summary>
/// <param name="Replicas">The number of replicas, at least 1.</param>
public sealed record ReplicaAnnotation(int Replicas) : IResourceAnnotation;
