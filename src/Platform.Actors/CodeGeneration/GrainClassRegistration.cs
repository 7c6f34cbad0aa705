using System.ComponentModel;

namespace Platform.Actors.CodeGeneration;

/// <summary>What the runtime needs to activate one grain class, emitted by the generator.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="GrainClass">The class.</param>
/// <param name="Factory">Constructs an instance with its dependencies and persistent states (no reflection).</param>
/// <param name="IsReentrant">True when the class is <see cref="ReentrantAttribute"/>.</param>
/// <param name="Interfaces">The grain interfaces the class implements.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record GrainClassRegistration(
    string GrainType,
    Type GrainClass,
    Func<IServiceProvider, Grain> Factory,
    bool IsReentrant,
    IReadOnlyList<Type> Interfaces);
