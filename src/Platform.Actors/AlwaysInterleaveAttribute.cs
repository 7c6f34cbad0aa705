namespace Platform.Actors;

/// <summary>Marks a grain interface method whose requests may interleave with any other request, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
