namespace Platform.Actors;

/// <summary>
/// The stable field id of a serialized member. Readers skip ids they do not know and leave missing ones at their default,
/// so adding a member with a new id is a compatible change; reusing an id is not.
/// </summary>
/// <param name="id">The field id, unique within the type.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class IdAttribute(uint id) : Attribute
{
    /// <summary>The field id.</summary>
    public uint Id { get; } = id;
}
