using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Platform.Actors.Generator;

namespace Platform.Actors.Tests.Generator;

public sealed class ActorsGeneratorTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using Platform.Actors;\nnamespace Snippet;\n";

    [Fact]
    public void Run_ValidGrainsAndTypes_NoDiagnosticsAndGeneratedCodeCompiles()
    {
        var (diagnostics, compilation) = Run("""
            public enum Kind { A, B }
            [GenerateSerializer] public sealed record Item([property: Id(0)] string Name, [property: Id(1)] Kind Kind, [property: Id(2)] List<int>? Values);
            public interface IShop : IGrainWithStringKey
            {
                Task<Item?> FindAsync(string name, CancellationToken cancellationToken);
                ValueTask AddAsync(Item item);
                ValueTask<Dictionary<string, Item[]>> ListAsync();
                [OneWay] Task PingAsync();
            }
            [GrainType("shop")] public sealed class ShopGrain : Grain, IShop
            {
                public Task<Item?> FindAsync(string name, CancellationToken cancellationToken) => Task.FromResult<Item?>(null);
                public ValueTask AddAsync(Item item) => default;
                public ValueTask<Dictionary<string, Item[]>> ListAsync() => new(new Dictionary<string, Item[]>());
                public Task PingAsync() => Task.CompletedTask;
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = Assert.Single(compilation.SyntaxTrees, t => t.FilePath.EndsWith("Platform.Actors.Generated.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("GrainClassRegistration(\"shop\"", generated, StringComparison.Ordinal);
        Assert.Contains("Codecs<global::System.Collections.Generic.Dictionary<string, global::Snippet.Item[]>>.Register", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MethodReturningNonTask_ReportsPA0001()
    {
        var (diagnostics, _) = Run("public interface IBad : IGrainWithStringKey { int Get(); void Set(int value); }");

        Assert.Equal(["PA0001", "PA0001"], diagnostics.Select(d => d.Id));
        Assert.Equal(
            "Grain interface method 'Snippet.IBad.Get' returns 'int'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Run_TypeWithoutSerializer_ReportsPA0002ForParameterAndResult()
    {
        var (diagnostics, _) = Run("""
            public sealed class Plain { public int X { get; set; } }
            public interface IBad : IGrainWithStringKey { Task SendAsync(Plain value); Task<List<Plain>> GetAsync(); }
            """);

        Assert.Equal(["PA0002", "PA0002"], diagnostics.Select(d => d.Id));
        Assert.Equal(
            "Type 'Snippet.Plain' used by parameter 'value' of Snippet.IBad.SendAsync has no serializer; mark it [GenerateSerializer] with an [Id(n)] on each member, or use a supported built-in type",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("the result of Snippet.IBad.GetAsync", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DuplicateIds_ReportsPA0003()
    {
        var (diagnostics, _) = Run("[GenerateSerializer] public sealed class Dup { [Id(1)] public int A { get; set; } [Id(1)] public int B { get; set; } }");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PA0003", diagnostic.Id);
        Assert.Equal("[GenerateSerializer] type 'Snippet.Dup' uses [Id(1)] on both 'A' and 'B'; give each member a unique id", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Run_TwoImplementations_ReportsPA0004()
    {
        var (diagnostics, _) = Run("""
            public interface IOne : IGrainWithStringKey { Task PingAsync(); }
            public sealed class FirstGrain : Grain, IOne { public Task PingAsync() => Task.CompletedTask; }
            public sealed class SecondGrain : Grain, IOne { public Task PingAsync() => Task.CompletedTask; }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PA0004", diagnostic.Id);
        Assert.Contains("'Snippet.IOne' is implemented by both 'Snippet.FirstGrain' and 'Snippet.SecondGrain'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OneWayWithResult_ReportsPA0005()
    {
        var (diagnostics, _) = Run("public interface IBad : IGrainWithStringKey { [OneWay] Task<int> GetAsync(); }");

        Assert.Equal("PA0005", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Run_GetOnlyMemberWithoutConstructor_ReportsPA0007()
    {
        var (diagnostics, _) = Run("[GenerateSerializer] public sealed class Frozen { [Id(0)] public int A { get; } }");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PA0007", diagnostic.Id);
        Assert.Contains("member 'A' cannot be set", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GenericMethodAndProperty_ReportPA0008()
    {
        var (diagnostics, _) = Run("public interface IBad : IGrainWithStringKey { Task<T> GetAsync<T>(); int Count { get; } }");

        Assert.Equal(["PA0008", "PA0008"], diagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void Run_GenericOrPrivateSerializableType_ReportsPA0009()
    {
        var (diagnostics, _) = Run("""
            [GenerateSerializer] public sealed class Box<T> { [Id(0)] public T? Value { get; set; } }
            public static class Outer { [GenerateSerializer] private sealed class Hidden { [Id(0)] public int A { get; set; } } }
            """);

        Assert.Equal(["PA0009", "PA0009"], diagnostics.Select(d => d.Id));
        Assert.Contains("generic types cannot have a generated serializer", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("must be public or internal", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output) Run(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IGrain).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        CSharpGeneratorDriver.Create(new ActorsGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (diagnostics, output);
    }
}
