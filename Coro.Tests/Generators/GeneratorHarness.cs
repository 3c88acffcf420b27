using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Coro.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coro.Tests.Generators;

/// <summary>Compiles test sources with the Coro generator, the .NET 10 reference assemblies and Coro.Runtime.</summary>
internal static class GeneratorHarness
{
    /// <summary>Parsed with doc comments on, so that a bad <c>&lt;see cref&gt;</c> in generated code is a warning.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Coro.Future).Assembly.Location),
    ];

    /// <summary>
    /// The implementing part of a partial method may repeat the defaults (CS1066, which Coro's
    /// suppressor silences); missing XML comments (CS1591) are about the test inputs' own members.
    /// </summary>
    private static readonly ImmutableHashSet<string> s_allowed = ["CS1066", "CS1591"];

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Coro.Generated." + Guid.NewGuid().ToString("N"),
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Input{i}.cs")),
            s_references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999));

    public static GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new CoroutineGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once; fails if it threw.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        AssertDidNotThrow(result, diagnostics);
        return (result, output);
    }

    public static void AssertDidNotThrow(GeneratorDriverRunResult result, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (GeneratorRunResult run in result.Results)
        {
            Assert.True(run.Exception is null, $"The generator threw: {run.Exception}");
        }

        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
    }

    /// <summary>Fails on every warning or error of the compilation but the allowed ones.</summary>
    public static void AssertClean(Compilation compilation)
    {
        Diagnostic[] problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !s_allowed.Contains(d.Id))
            .ToArray();
        Assert.True(problems.Length == 0, "The compilation has diagnostics:\n" + string.Join("\n", problems.Select(d => d.ToString())));

        // Generated code must be clean without exceptions: not even CS1591.
        Diagnostic[] generated = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1066" && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToArray();
        Assert.True(generated.Length == 0, "The generated code has diagnostics:\n" + string.Join("\n", generated.Select(d => d.ToString())));
    }

    /// <summary>Emits the compilation and loads it into a collectible context (Coro.Runtime comes from the test's own).</summary>
    public static Assembly Load(Compilation compilation, out AssemblyLoadContext context)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        return context.LoadFromStream(stream);
    }
}
