using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>
/// Decides whether a type can be serialized and collects the registrations of the constructed generic codecs it needs
/// (List&lt;int&gt;, Dictionary&lt;string, Money&gt;, enums...), so nothing is built by reflection at run time.
/// </summary>
internal sealed class TypeSupport(KnownSymbols known)
{
    private readonly SortedSet<string> _registrations = new(StringComparer.Ordinal);

    public IEnumerable<string> Registrations => _registrations;

    public bool IsSerializable(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Char:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return false;
            }

            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return true;
            }

            return Register(type, $"{Names.Serialization}.ArrayCodec<{Names.Of(array.ElementType)}>", array.ElementType);
        }

        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            var name = Names.Of(named);
            _registrations.Add($"{Names.Serialization}.Codecs<{name}>.Register(new {Names.Serialization}.EnumCodec<{name}>(static v => (long)v, static v => ({name})v));");
            return true;
        }

        var definition = named.OriginalDefinition.ToDisplayString();
        switch (definition)
        {
            case "System.Guid":
            case "System.DateTimeOffset":
            case "System.TimeSpan":
            case "Platform.Actors.GrainId":
                return true;
            case "T?" when named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
            case "System.Nullable<T>":
                return Register(type, $"{Names.Serialization}.NullableCodec<{Names.Of(named.TypeArguments[0])}>", named.TypeArguments[0]);
            case "System.Collections.Generic.List<T>":
                return Register(type, $"{Names.Serialization}.ListCodec<{Names.Of(named.TypeArguments[0])}>", named.TypeArguments[0]);
            case "System.Collections.Generic.IReadOnlyList<T>":
                return Register(type, $"{Names.Serialization}.ReadOnlyListCodec<{Names.Of(named.TypeArguments[0])}>", named.TypeArguments[0]);
            case "System.Collections.Generic.Dictionary<TKey, TValue>":
            case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                return Register(
                    type,
                    $"{Names.Serialization}.DictionaryCodec<{Names.Of(named.TypeArguments[0])}, {Names.Of(named.TypeArguments[1])}>",
                    named.TypeArguments[0],
                    named.TypeArguments[1]);
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Register(type, $"{Names.Serialization}.NullableCodec<{Names.Of(named.TypeArguments[0])}>", named.TypeArguments[0]);
        }

        return KnownSymbols.HasAttribute(named, known.GenerateSerializer) && !named.IsGenericType;
    }

    private bool Register(ITypeSymbol type, string codec, params ITypeSymbol[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (!IsSerializable(argument))
            {
                return false;
            }
        }

        _registrations.Add($"{Names.Serialization}.Codecs<{Names.Of(type)}>.Register(new {codec}());");
        return true;
    }
}
