using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>Emits the registration of a grain class: its type name, interfaces and a reflection-free factory.</summary>
internal static class GrainClassEmitter
{
    public static string Emit(INamedTypeSymbol grainClass, KnownSymbols known, IEnumerable<INamedTypeSymbol> grainInterfaces)
    {
        var grainType = GrainTypeName(grainClass, known);
        var className = Names.Of(grainClass);
        var constructor = grainClass.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        var arguments = constructor is null
            ? string.Empty
            : string.Join(", ", constructor.Parameters.Select(p => Argument(p, known)));
        var interfaces = string.Join(", ", grainInterfaces.Select(i => $"typeof({Names.Of(i)})"));
        var reentrant = KnownSymbols.HasAttribute(grainClass, known.Reentrant) ? "true" : "false";
        return $"{Names.CodeGeneration}.GeneratedCodeRegistry.RegisterGrainClass(new {Names.CodeGeneration}.GrainClassRegistration(" +
            $"{Names.Literal(grainType)}, typeof({className}), static sp => new {className}({arguments}), {reentrant}, new global::System.Type[] {{ {interfaces} }}));";
    }

    public static string GrainTypeName(INamedTypeSymbol grainClass, KnownSymbols known)
    {
        if (KnownSymbols.GetAttribute(grainClass, known.GrainType) is { } attribute
            && attribute.ConstructorArguments.Length > 0
            && attribute.ConstructorArguments[0].Value is string name)
        {
            return name;
        }

        var typeName = grainClass.Name;
        if (typeName.EndsWith("Grain", StringComparison.Ordinal) && typeName.Length > "Grain".Length)
        {
            typeName = typeName.Substring(0, typeName.Length - "Grain".Length);
        }

        return typeName.ToLowerInvariant();
    }

    private static string Argument(IParameterSymbol parameter, KnownSymbols known)
    {
        if (KnownSymbols.GetAttribute(parameter, known.PersistentState) is { } attribute
            && parameter.Type is INamedTypeSymbol { IsGenericType: true } stateType
            && stateType.OriginalDefinition.ToDisplayString() == "Platform.Actors.Storage.IPersistentState<T>")
        {
            var state = stateType.TypeArguments[0];
            var stateName = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? parameter.Name : parameter.Name;
            var storageName = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string ?? "Default" : "Default";
            var create = CanCreate(state) ? $"static () => new {Names.Of(state)}()" : $"static () => default({Names.OfAnnotated(state)})!";
            return $"{Names.CodeGeneration}.GrainConstruction.CreatePersistentState<{Names.OfAnnotated(state)}>(sp, {Names.Literal(stateName)}, {Names.Literal(storageName)}, {create})";
        }

        return $"{Names.CodeGeneration}.GrainConstruction.GetRequiredService<{Names.Of(parameter.Type)}>(sp)";
    }

    private static bool CanCreate(ITypeSymbol type) =>
        type.IsValueType
        || (type is INamedTypeSymbol { IsAbstract: false, TypeKind: TypeKind.Class } named
            && named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal));
}
