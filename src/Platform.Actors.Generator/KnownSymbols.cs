using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>The runtime and framework types the generator recognises, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private static readonly string[] MarkerInterfaces =
    [
        "IGrain", "IGrainWithStringKey", "IGrainWithGuidKey", "IGrainWithIntegerKey", "IGrainWithGuidCompoundKey", "IGrainWithIntegerCompoundKey",
    ];

    private KnownSymbols(Compilation compilation, INamedTypeSymbol grainInterface)
    {
        IGrain = grainInterface;
        Grain = compilation.GetTypeByMetadataName("Platform.Actors.Grain");
        GenerateSerializer = compilation.GetTypeByMetadataName("Platform.Actors.GenerateSerializerAttribute");
        Id = compilation.GetTypeByMetadataName("Platform.Actors.IdAttribute");
        GrainType = compilation.GetTypeByMetadataName("Platform.Actors.GrainTypeAttribute");
        Reentrant = compilation.GetTypeByMetadataName("Platform.Actors.ReentrantAttribute");
        OneWay = compilation.GetTypeByMetadataName("Platform.Actors.OneWayAttribute");
        AlwaysInterleave = compilation.GetTypeByMetadataName("Platform.Actors.AlwaysInterleaveAttribute");
        PersistentState = compilation.GetTypeByMetadataName("Platform.Actors.PersistentStateAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    }

    public INamedTypeSymbol IGrain { get; }

    public INamedTypeSymbol? Grain { get; }

    public INamedTypeSymbol? GenerateSerializer { get; }

    public INamedTypeSymbol? Id { get; }

    public INamedTypeSymbol? GrainType { get; }

    public INamedTypeSymbol? Reentrant { get; }

    public INamedTypeSymbol? OneWay { get; }

    public INamedTypeSymbol? AlwaysInterleave { get; }

    public INamedTypeSymbol? PersistentState { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>Null when the compilation does not reference Platform.Actors: nothing to generate.</summary>
    public static KnownSymbols? Create(Compilation compilation)
    {
        var grain = compilation.GetTypeByMetadataName("Platform.Actors.IGrain");
        return grain is null ? null : new KnownSymbols(compilation, grain);
    }

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null && GetAttribute(symbol, attribute) is not null;

    public static AttributeData? GetAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }

    /// <summary>True for interfaces that derive from IGrain and are not one of the runtime's marker interfaces.</summary>
    public bool IsGrainInterface(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || SymbolEqualityComparer.Default.Equals(type, IGrain))
        {
            return false;
        }

        if (type.ContainingNamespace?.ToDisplayString() == "Platform.Actors" && Array.IndexOf(MarkerInterfaces, type.Name) >= 0)
        {
            return false;
        }

        foreach (var inherited in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(inherited, IGrain))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsGrainClass(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || Grain is null)
        {
            return false;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Grain))
            {
                return true;
            }
        }

        return false;
    }
}
