using System.Text;
using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>Display formats, identifiers and ids used in generated code.</summary>
internal static class Names
{
    public const string Serialization = "global::Platform.Actors.Serialization";
    public const string CodeGeneration = "global::Platform.Actors.CodeGeneration";

    /// <summary>Fully qualified, with nullable reference annotations: for signatures, fields and locals.</summary>
    public static readonly SymbolDisplayFormat Annotated = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Fully qualified, without nullable reference annotations: for typeof and generic arguments of codecs.</summary>
    public static readonly SymbolDisplayFormat Plain = SymbolDisplayFormat.FullyQualifiedFormat;

    public static string Of(ITypeSymbol type) => type.ToDisplayString(Plain);

    public static string OfAnnotated(ITypeSymbol type) => type.ToDisplayString(Annotated);

    /// <summary>Turns any display string into a valid identifier fragment.</summary>
    public static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>Escapes a C# identifier that may be a keyword.</summary>
    public static string Identifier(string name) => "@" + name;

    /// <summary>Quotes a string as a C# literal.</summary>
    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>FNV-1a of a method's name and parameter types: a method id that survives reordering of the interface.</summary>
    public static uint MethodId(string signature)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(signature))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
