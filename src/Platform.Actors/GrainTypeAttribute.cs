namespace Platform.Actors;

/// <summary>
/// Names a grain class's type, the first half of every <see cref="GrainId"/> of that class. Without it the name is the
/// class name without a <c>Grain</c> suffix, lower-cased (<c>AccountGrain</c> → <c>account</c>). Keep it stable: it is stored with state and reminders.
/// </summary>
/// <param name="name">The grain type name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}
