namespace Platform.Actors;

/// <summary>
/// Marks a grain interface method as fire-and-forget: the caller's task completes once the request is sent, and the
/// grain's result or exception is not returned. The method must return <see cref="Task"/> or <see cref="ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OneWayAttribute : Attribute
{
}
