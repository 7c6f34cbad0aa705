using System.Text;
using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>Emits the codec of a [GenerateSerializer] type, reporting PA0002, PA0003 and PA0007.</summary>
internal static class SerializerEmitter
{
    public static string? Emit(StringBuilder code, INamedTypeSymbol type, KnownSymbols known, TypeSupport types, Action<Diagnostic> report)
    {
        var typeName = type.ToDisplayString();
        if (type.IsGenericType)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedSerializableType, type.Locations.FirstOrDefault(), typeName, "generic types cannot have a generated serializer"));
            return null;
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsAccessible(current.DeclaredAccessibility))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedSerializableType, type.Locations.FirstOrDefault(), typeName, "it (and any type containing it) must be public or internal"));
                return null;
            }
        }

        var members = CollectMembers(type, known);
        var valid = true;
        var byId = new Dictionary<uint, Member>();
        foreach (var member in members)
        {
            if (byId.TryGetValue(member.Id, out var existing))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.DuplicateId, member.Symbol.Locations.FirstOrDefault(), typeName, member.Id, existing.Symbol.Name, member.Symbol.Name));
                valid = false;
                continue;
            }

            byId[member.Id] = member;
            if (!types.IsSerializable(member.Type))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.NoSerializer, member.Symbol.Locations.FirstOrDefault(), member.Type.ToDisplayString(), $"member '{member.Symbol.Name}' of {typeName}"));
                valid = false;
            }
        }

        var constructor = ChooseConstructor(type, members);
        foreach (var member in members)
        {
            var inConstructor = constructor is not null && constructor.Parameters.Any(p => Matches(p, member));
            if (!member.Accessible || (!inConstructor && !member.Settable))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.MemberNotSettable, member.Symbol.Locations.FirstOrDefault(), typeName, member.Symbol.Name));
                valid = false;
            }
        }

        if (!valid || (constructor is null && !type.IsValueType))
        {
            return null;
        }

        var fullName = Names.Of(type);
        var className = $"Codec_{Names.Sanitize(typeName)}";
        code.AppendLine($"internal sealed class {className} : {Names.Serialization}.IFieldCodec<{fullName}>");
        code.AppendLine("{");
        code.AppendLine($"    public void Write({Names.Serialization}.ActorWriter writer, uint fieldId, {fullName} value)");
        code.AppendLine("    {");
        if (!type.IsValueType)
        {
            code.AppendLine("        if (value is null) { writer.WriteNull(fieldId); return; }");
        }

        code.AppendLine("        writer.WriteStartObject(fieldId);");
        foreach (var member in members)
        {
            code.AppendLine($"        {Names.Serialization}.Codecs<{Names.Of(member.Type)}>.Get().Write(writer, {member.Id}u, value.{Names.Identifier(member.Symbol.Name)});");
        }

        code.AppendLine("        writer.WriteEndObject();");
        code.AppendLine("    }");
        code.AppendLine();
        code.AppendLine($"    public {fullName} Read(ref {Names.Serialization}.ActorReader reader, {Names.Serialization}.WireType wireType)");
        code.AppendLine("    {");
        code.AppendLine($"        if (wireType == {Names.Serialization}.WireType.Null) return default!;");
        code.AppendLine($"        {Names.Serialization}.ActorReader.Expect(wireType, {Names.Serialization}.WireType.StartObject, {Names.Literal(typeName)});");
        for (var i = 0; i < members.Count; i++)
        {
            code.AppendLine($"        {Names.OfAnnotated(members[i].Type)} m{i} = default!;");
        }

        code.AppendLine("        while (reader.TryReadTag(out var id, out var wt))");
        code.AppendLine("        {");
        code.AppendLine("            switch (id)");
        code.AppendLine("            {");
        for (var i = 0; i < members.Count; i++)
        {
            code.AppendLine($"                case {members[i].Id}u: m{i} = {Names.Serialization}.Codecs<{Names.Of(members[i].Type)}>.Get().Read(ref reader, wt); break;");
        }

        code.AppendLine("                default: reader.Skip(wt); break;");
        code.AppendLine("            }");
        code.AppendLine("        }");
        code.AppendLine();

        var constructorArguments = constructor is null
            ? string.Empty
            : string.Join(", ", constructor.Parameters.Select(p => $"m{members.FindIndex(m => Matches(p, m))}"));
        var initializers = members
            .Select((m, i) => (Member: m, Index: i))
            .Where(x => constructor is null || !constructor.Parameters.Any(p => Matches(p, x.Member)))
            .Select(x => $"{Names.Identifier(x.Member.Symbol.Name)} = m{x.Index}")
            .ToList();
        var initializer = initializers.Count == 0 ? string.Empty : $" {{ {string.Join(", ", initializers)} }}";
        code.AppendLine($"        return new {fullName}({constructorArguments}){initializer};");
        code.AppendLine("    }");
        code.AppendLine("}");
        code.AppendLine();
        return $"{Names.Serialization}.Codecs<{fullName}>.Register(new {className}());";
    }

    private static List<Member> CollectMembers(INamedTypeSymbol type, KnownSymbols known)
    {
        var members = new List<Member>();
        foreach (var symbol in type.GetMembers())
        {
            if (symbol.IsStatic || KnownSymbols.GetAttribute(symbol, known.Id) is not { } id)
            {
                continue;
            }

            switch (symbol)
            {
                case IPropertySymbol property:
                    members.Add(new Member(property, property.Type, IdOf(id), property.SetMethod is { } setter && IsAccessible(setter.DeclaredAccessibility), IsAccessible(property.DeclaredAccessibility)));
                    break;
                case IFieldSymbol field:
                    members.Add(new Member(field, field.Type, IdOf(id), !field.IsReadOnly, IsAccessible(field.DeclaredAccessibility)));
                    break;
            }
        }

        // [Id] on a record's primary constructor parameter (without property:) applies to the property of that name.
        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (KnownSymbols.GetAttribute(parameter, known.Id) is not { } id || members.Any(m => m.Symbol.Name == parameter.Name))
                {
                    continue;
                }

                if (type.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault() is { } property)
                {
                    members.Add(new Member(property, property.Type, IdOf(id), property.SetMethod is { } setter && IsAccessible(setter.DeclaredAccessibility), IsAccessible(property.DeclaredAccessibility)));
                }
            }
        }

        members.Sort((a, b) => a.Id.CompareTo(b.Id));
        return members;
    }

    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<Member> members)
    {
        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor.DeclaredAccessibility))
            {
                continue;
            }

            if (constructor.Parameters.All(p => members.Any(m => Matches(p, m))) && (best is null || constructor.Parameters.Length > best.Parameters.Length))
            {
                best = constructor;
            }
        }

        return best;
    }

    private static bool Matches(IParameterSymbol parameter, Member member) =>
        string.Equals(parameter.Name, member.Symbol.Name, StringComparison.OrdinalIgnoreCase)
        && SymbolEqualityComparer.Default.Equals(parameter.Type.WithNullableAnnotation(NullableAnnotation.None), member.Type.WithNullableAnnotation(NullableAnnotation.None));

    private static bool IsAccessible(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static uint IdOf(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is uint id ? id : 0;

    private sealed class Member(ISymbol symbol, ITypeSymbol type, uint id, bool settable, bool accessible)
    {
        public ISymbol Symbol { get; } = symbol;

        public ITypeSymbol Type { get; } = type;

        public uint Id { get; } = id;

        public bool Settable { get; } = settable;

        public bool Accessible { get; } = accessible;
    }
}
