using System.Text;
using Microsoft.CodeAnalysis;

namespace Platform.Actors.Generator;

/// <summary>Emits the request classes (invokers) and the proxy of one grain interface.</summary>
internal static class GrainInterfaceEmitter
{
    public static void EmitRequest(StringBuilder code, GrainMethodModel model, KnownSymbols known)
    {
        var interfaceType = Names.Of(model.DeclaringInterface);
        var baseType = model.ResultType is null
            ? $"{Names.CodeGeneration}.GrainRequest"
            : $"{Names.CodeGeneration}.GrainRequest<{Names.OfAnnotated(model.ResultType)}>";
        var options = (model.OneWay, model.AlwaysInterleave) switch
        {
            (true, true) => $"{Names.CodeGeneration}.InvokeMethodOptions.OneWay | {Names.CodeGeneration}.InvokeMethodOptions.AlwaysInterleave",
            (true, false) => $"{Names.CodeGeneration}.InvokeMethodOptions.OneWay",
            (false, true) => $"{Names.CodeGeneration}.InvokeMethodOptions.AlwaysInterleave",
            _ => $"{Names.CodeGeneration}.InvokeMethodOptions.None",
        };

        code.AppendLine($"internal sealed class {model.RequestClassName} : {baseType}");
        code.AppendLine("{");
        for (var i = 0; i < model.Arguments.Count; i++)
        {
            code.AppendLine($"    public {Names.OfAnnotated(model.Arguments[i].Type)} Arg{i} = default!;");
        }

        code.AppendLine($"    public override string InterfaceName => {Names.Literal(model.DeclaringInterface.ToDisplayString())};");
        code.AppendLine($"    public override string MethodName => {Names.Literal(model.Method.Name)};");
        code.AppendLine($"    public override uint MethodId => {model.MethodId}u;");
        code.AppendLine($"    public override {Names.CodeGeneration}.InvokeMethodOptions Options => {options};");

        code.AppendLine($"    public override void WriteArguments({Names.Serialization}.ActorWriter writer)");
        code.AppendLine("    {");
        for (var i = 0; i < model.Arguments.Count; i++)
        {
            code.AppendLine($"        {Names.Serialization}.Codecs<{Names.Of(model.Arguments[i].Type)}>.Get().Write(writer, {i}u, Arg{i});");
        }

        code.AppendLine("    }");

        code.AppendLine($"    public override void ReadArguments(ref {Names.Serialization}.ActorReader reader)");
        code.AppendLine("    {");
        code.AppendLine("        while (reader.TryReadTag(out var id, out var wireType))");
        code.AppendLine("        {");
        code.AppendLine("            switch (id)");
        code.AppendLine("            {");
        for (var i = 0; i < model.Arguments.Count; i++)
        {
            code.AppendLine($"                case {i}u: Arg{i} = {Names.Serialization}.Codecs<{Names.Of(model.Arguments[i].Type)}>.Get().Read(ref reader, wireType); break;");
        }

        code.AppendLine("                default: reader.Skip(wireType); break;");
        code.AppendLine("            }");
        code.AppendLine("        }");
        code.AppendLine("    }");

        var boxed = string.Join(", ", Enumerable.Range(0, model.Arguments.Count).Select(i => $"Arg{i}"));
        code.AppendLine($"    public override object?[] GetArguments() => new object?[] {{ {boxed} }};");

        var callArguments = string.Join(", ", CallArguments(model, known, "cancellationToken"));
        var call = $"(({interfaceType})grain).{model.Method.Name}({callArguments})";
        if (model.ResultType is null)
        {
            code.AppendLine(model.ReturnsValueTask
                ? $"    public override global::System.Threading.Tasks.ValueTask InvokeAsync(object grain, global::System.Threading.CancellationToken cancellationToken) => {call};"
                : $"    public override global::System.Threading.Tasks.ValueTask InvokeAsync(object grain, global::System.Threading.CancellationToken cancellationToken) => new global::System.Threading.Tasks.ValueTask({call});");
        }
        else
        {
            code.AppendLine($"    public override async global::System.Threading.Tasks.ValueTask InvokeAsync(object grain, global::System.Threading.CancellationToken cancellationToken) => ResultValue = await {call};");
        }

        code.AppendLine("}");
        code.AppendLine();
    }

    public static void EmitProxy(StringBuilder code, INamedTypeSymbol grainInterface, string className, IEnumerable<GrainMethodModel> methods, IEnumerable<INamedTypeSymbol> foreignInterfaces, KnownSymbols known)
    {
        code.AppendLine($"internal sealed class {className} : {Names.CodeGeneration}.GrainReference, {Names.Of(grainInterface)}");
        code.AppendLine("{");
        code.AppendLine($"    public {className}(global::Platform.Actors.GrainId grainId, {Names.CodeGeneration}.IGrainCallInvoker invoker) : base(grainId, invoker) {{ }}");
        foreach (var model in methods)
        {
            var method = model.Method;
            var parameters = string.Join(", ", method.Parameters.Select(p => $"{Names.OfAnnotated(p.Type)} {Names.Identifier(p.Name)}"));
            var cancellation = method.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type, known.CancellationToken));
            var token = cancellation is null ? "default" : Names.Identifier(cancellation.Name);
            var assignments = string.Join(", ", model.Arguments.Select((p, i) => $"Arg{i} = {Names.Identifier(p.Name)}"));
            var invoke = model.ResultType is null
                ? $"InvokeAsync(__request, {token})"
                : $"InvokeAsync<{Names.OfAnnotated(model.ResultType)}>(__request, {token})";
            code.AppendLine();
            code.AppendLine($"    {Names.OfAnnotated(method.ReturnType)} {Names.Of(model.DeclaringInterface)}.{method.Name}({parameters})");
            code.AppendLine("    {");
            code.AppendLine($"        var __request = new {model.RequestClassName} {{ {assignments} }};");
            code.AppendLine(model.ReturnsValueTask ? $"        return {invoke};" : $"        return {invoke}.AsTask();");
            code.AppendLine("    }");
        }

        foreach (var foreign in foreignInterfaces)
        {
            foreach (var method in foreign.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary && !m.IsStatic))
            {
                var parameters = string.Join(", ", method.Parameters.Select(p => $"{Names.OfAnnotated(p.Type)} {Names.Identifier(p.Name)}"));
                var arguments = string.Join(", ", method.Parameters.Select(p => Names.Identifier(p.Name)));
                code.AppendLine();
                code.AppendLine($"    {Names.OfAnnotated(method.ReturnType)} {Names.Of(foreign)}.{method.Name}({parameters}) => AsReference<{Names.Of(foreign)}>().{method.Name}({arguments});");
            }
        }

        code.AppendLine("}");
        code.AppendLine();
    }

    private static IEnumerable<string> CallArguments(GrainMethodModel model, KnownSymbols known, string tokenName)
    {
        var index = 0;
        foreach (var parameter in model.Method.Parameters)
        {
            yield return SymbolEqualityComparer.Default.Equals(parameter.Type, known.CancellationToken) ? tokenName : $"Arg{index++}";
        }
    }
}
