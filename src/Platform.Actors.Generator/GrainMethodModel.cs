using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>One grain interface method as the emitters need it.</summary>
internal sealed class GrainMethodModel(IMethodSymbol method, INamedTypeSymbol declaringInterface, uint methodId)
{
    public IMethodSymbol Method { get; } = method;

    public INamedTypeSymbol DeclaringInterface { get; } = declaringInterface;

    public uint MethodId { get; } = methodId;

    /// <summary>The result type; null for Task and ValueTask.</summary>
    public ITypeSymbol? ResultType { get; set; }

    public bool ReturnsValueTask { get; set; }

    public bool OneWay { get; set; }

    public bool AlwaysInterleave { get; set; }

    /// <summary>The serialized parameters, in order (the CancellationToken is not among them).</summary>
    public List<IParameterSymbol> Arguments { get; } = [];

    public string RequestClassName =>
        $"Request_{Names.Sanitize(DeclaringInterface.ToDisplayString())}_{Method.Name}_{MethodId:x8}";
}
