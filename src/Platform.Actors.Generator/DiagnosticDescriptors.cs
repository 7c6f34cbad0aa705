using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>The generator's compile-time errors. Ids are stable; docs/actors.md lists them.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Platform.Actors";

    public static readonly DiagnosticDescriptor InvalidReturnType = new(
        "PA0001",
        "Grain method must return a task",
        "Grain interface method '{0}.{1}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoSerializer = new(
        "PA0002",
        "Type has no serializer",
        "Type '{0}' used by {1} has no serializer; mark it [GenerateSerializer] with an [Id(n)] on each member, or use a supported built-in type",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateId = new(
        "PA0003",
        "Duplicate serializer field id",
        "[GenerateSerializer] type '{0}' uses [Id({1})] on both '{2}' and '{3}'; give each member a unique id",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AmbiguousImplementation = new(
        "PA0004",
        "Grain interface has more than one implementation",
        "Grain interface '{0}' is implemented by both '{1}' and '{2}'; each grain interface needs exactly one grain class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidOneWay = new(
        "PA0005",
        "One-way method returns a result",
        "[OneWay] method '{0}.{1}' returns '{2}'; a one-way method must return Task or ValueTask, since its result is never returned",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MemberNotSettable = new(
        "PA0007",
        "Serialized member cannot be set",
        "[GenerateSerializer] type '{0}' member '{1}' cannot be set when deserializing; make it public or internal and settable (set or init), or a constructor parameter",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedSignature = new(
        "PA0008",
        "Unsupported grain interface member",
        "Grain interface '{0}' member '{1}' is not supported: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedSerializableType = new(
        "PA0009",
        "Unsupported [GenerateSerializer] type",
        "[GenerateSerializer] type '{0}' is not supported: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
