namespace Platform.Actors;

/// <summary>
/// Asks the source generator for a serializer for this class, record or struct. Every member to serialize carries
/// <see cref="IdAttribute"/>; ids must be unique and must never be reused for a different meaning.
/// </summary>
/// <example>
/// <code>
/// [GenerateSerializer]
/// public sealed record Transfer([property: Id(0)] string From, [property: Id(1)] string To, [property: Id(2)] decimal Amount);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class GenerateSerializerAttribute : Attribute
{
}
