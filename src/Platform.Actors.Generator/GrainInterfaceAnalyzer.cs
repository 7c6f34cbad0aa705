using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>Validates grain interface methods and builds their models, reporting PA0001, PA0002, PA0005 and PA0008.</summary>
internal static class GrainInterfaceAnalyzer
{
    public static List<GrainMethodModel> AnalyzeOwnMethods(INamedTypeSymbol grainInterface, KnownSymbols known, TypeSupport types, Action<Diagnostic> report)
    {
        var models = new List<GrainMethodModel>();
        foreach (var member in grainInterface.GetMembers())
        {
            if (member is IPropertySymbol or IEventSymbol)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedSignature, member.Locations.FirstOrDefault(), grainInterface.ToDisplayString(), member.Name, "grain interfaces may only declare methods"));
                continue;
            }

            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method)
            {
                continue;
            }

            var model = Analyze(method, grainInterface, known, types, report);
            if (model is not null)
            {
                models.Add(model);
            }
        }

        return models;
    }

    private static GrainMethodModel? Analyze(IMethodSymbol method, INamedTypeSymbol grainInterface, KnownSymbols known, TypeSupport types, Action<Diagnostic> report)
    {
        var location = method.Locations.FirstOrDefault();
        var interfaceName = grainInterface.ToDisplayString();
        if (method.IsGenericMethod)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedSignature, location, interfaceName, method.Name, "generic methods are not supported"));
            return null;
        }

        var valid = true;
        var signature = new List<string>();
        var arguments = new List<IParameterSymbol>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedSignature, parameter.Locations.FirstOrDefault() ?? location, interfaceName, method.Name, $"parameter '{parameter.Name}' is passed by reference"));
                valid = false;
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, known.CancellationToken))
            {
                continue;
            }

            signature.Add(parameter.Type.ToDisplayString());
            arguments.Add(parameter);
            if (!types.IsSerializable(parameter.Type))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.NoSerializer, parameter.Locations.FirstOrDefault() ?? location, parameter.Type.ToDisplayString(), $"parameter '{parameter.Name}' of {interfaceName}.{method.Name}"));
                valid = false;
            }
        }

        var returnType = method.ReturnType as INamedTypeSymbol;
        ITypeSymbol? resultType = null;
        bool returnsValueTask;
        if (SymbolEqualityComparer.Default.Equals(returnType, known.Task))
        {
            returnsValueTask = false;
        }
        else if (SymbolEqualityComparer.Default.Equals(returnType, known.ValueTask))
        {
            returnsValueTask = true;
        }
        else if (returnType is not null && SymbolEqualityComparer.Default.Equals(returnType.OriginalDefinition, known.TaskOfT))
        {
            returnsValueTask = false;
            resultType = returnType.TypeArguments[0];
        }
        else if (returnType is not null && SymbolEqualityComparer.Default.Equals(returnType.OriginalDefinition, known.ValueTaskOfT))
        {
            returnsValueTask = true;
            resultType = returnType.TypeArguments[0];
        }
        else
        {
            report(Diagnostic.Create(DiagnosticDescriptors.InvalidReturnType, location, interfaceName, method.Name, method.ReturnType.ToDisplayString()));
            return null;
        }

        if (resultType is not null && !types.IsSerializable(resultType))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.NoSerializer, location, resultType.ToDisplayString(), $"the result of {interfaceName}.{method.Name}"));
            valid = false;
        }

        var oneWay = KnownSymbols.HasAttribute(method, known.OneWay);
        if (oneWay && resultType is not null)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.InvalidOneWay, location, interfaceName, method.Name, method.ReturnType.ToDisplayString()));
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        var model = new GrainMethodModel(method, grainInterface, Names.MethodId($"{method.Name}({string.Join(",", signature)})"))
        {
            ResultType = resultType,
            ReturnsValueTask = returnsValueTask,
            OneWay = oneWay,
            AlwaysInterleave = KnownSymbols.HasAttribute(method, known.AlwaysInterleave),
        };
        model.Arguments.AddRange(arguments);
        return model;
    }
}
