using BenchmarkDotNet.Attributes;
using Coro.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Benchmarks.Workloads;

/// <summary>
/// G1: the generator on a compilation of 100 files with 10 [Coroutine] methods each, first from
/// scratch, then again after an edit inside one body (the IDE's case at every keystroke). As a
/// build does, the compilation's declarations are bound before the generator runs, so the time is
/// the generator's own, including ForAttributeWithMetadataName's re-binding of the attributes.
/// </summary>
[BenchmarkCategory("G1")]
public class G1Generator
{
    private const int Files = 100;
    private const int MethodsPerFile = 10;

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmFloor = null!;
    private CSharpCompilation _edited = null!;
    private CSharpCompilation _fresh = null!;
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees = [.. Enumerable.Range(0, Files).Select(file => CSharpSyntaxTree.ParseText(Source(file), parse, path: $"File{file}.cs"))];
        _compilation = CSharpCompilation.Create(
            "G1",
            trees,
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Future).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _ = _compilation.GetDeclarationDiagnostics();
        _warmDriver = NewDriver().RunGenerators(_compilation);
        _warmFloor = NewDriver(new AttributeLookupOnly()).RunGenerators(_compilation);
    }

    /// <summary>A fresh compilation each time (new syntax trees and symbols, as in a build), declarations
    /// bound, and a new driver: a build starts with nothing cached.</summary>
    [IterationSetup(Target = nameof(Generator_1000_methods))]
    public void FreshCompilation()
    {
        _fresh = _compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            _compilation.SyntaxTrees.Select(tree => CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));
        _ = _fresh.GetDeclarationDiagnostics();
    }

    [Benchmark]
    public GeneratorDriver Generator_1000_methods() => NewDriver().RunGenerators(_fresh);

    [IterationSetup(Targets = [nameof(Generator_incremental_edit), nameof(Floor_incremental_edit)])]
    public void Edit()
    {
        SyntaxTree tree = _compilation.SyntaxTrees.ElementAt(42);
        string text = tree.ToString().Replace("count + 1", $"count + {++_edits + 1}", StringComparison.Ordinal);
        _edited = _compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text)));
        _ = _edited.GetDeclarationDiagnostics();
    }

    [Benchmark]
    public GeneratorDriver Generator_incremental_edit() => _warmDriver.RunGenerators(_edited);

    /// <summary>The floor under the edit: Roslyn's attribute lookup alone, with a transform that
    /// does nothing, on the same edits. What the generator adds is the difference.</summary>
    [Benchmark]
    public GeneratorDriver Floor_incremental_edit() => _warmFloor.RunGenerators(_edited);

    private static GeneratorDriver NewDriver(IIncrementalGenerator? generator = null) => CSharpGeneratorDriver.Create(
        [(generator ?? new CoroutineGenerator()).AsSourceGenerator()],
        parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static string Source(int file)
    {
        var methods = Enumerable.Range(0, MethodsPerFile).Select(i => $$"""

                [Coroutine<int>]
                public partial IEnumerable<Future> Step{{i}}(int count, string label = "x")
                {
                    yield return Coroutine.Moment;
                    yield return Coroutine.Return(count + 1);
                }
            """);
        return $$"""
            using System.Collections.Generic;
            using Coro;

            namespace Load.Area{{file % 10}};

            public partial class Worker{{file}}
            {{{string.Concat(methods)}}
            }
            """;
    }

    private sealed class AttributeLookupOnly : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var found = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Coro.CoroutineAttribute`1", static (_, _) => true, static (_, _) => 0);
            context.RegisterSourceOutput(found, static (_, _) => { });
        }
    }
}
