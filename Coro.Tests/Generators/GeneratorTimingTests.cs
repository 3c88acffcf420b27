using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace Coro.Tests.Generators;

/// <summary>Runs only when <c>CORO_TIMING=1</c>: a measurement, not a test.</summary>
public sealed class TimingFactAttribute : FactAttribute
{
    public TimingFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CORO_TIMING") != "1")
        {
            Skip = "A measurement: set CORO_TIMING=1 to run it.";
        }
    }
}

/// <summary>The generator's time on a compilation with 1,000 [Coroutine] methods.</summary>
public class GeneratorTimingTests(ITestOutputHelper output)
{
    private const int Files = 100;
    private const int MethodsPerFile = 10;

    [TimingFact]
    public void Generator_time_for_1000_coroutines()
    {
        string[] sources = Enumerable.Range(0, Files).Select(Source).ToArray();
        CSharpCompilation compilation = GeneratorHarness.Compilation(sources);
        _ = compilation.GetDiagnostics(); // bind once, so the generator's time is measured, not the binder's warm-up

        Measure("first run, cold (includes JIT)", compilation);
        for (int i = 0; i < 3; i++)
        {
            Measure($"full run {i + 1}, warm", compilation);
        }

        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.ElementAt(42);
        string text = tree.ToString();
        for (int i = 0; i < 10; i++)
        {
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace("count + 1", $"count + {i + 2}"))));

            // ForAttributeWithMetadataName re-binds every attributed method of a new compilation. Half
            // the runs let the generator be the first to declare the new compilation's symbols (as in a
            // lone generator run); the other half declare them first, as a build does anyway.
            bool declaredFirst = i % 2 == 1;
            var declaring = Stopwatch.StartNew();
            if (declaredFirst)
            {
                _ = edited.GetDeclarationDiagnostics();
            }

            declaring.Stop();
            var watch = Stopwatch.StartNew();
            driver = driver.RunGenerators(edited);
            output.WriteLine(declaredFirst
                ? $"edit inside one body, symbols declared first ({declaring.Elapsed.TotalMilliseconds:F1} ms): generator {watch.Elapsed.TotalMilliseconds:F1} ms"
                : $"edit inside one body, generator declares the symbols: {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        // The floor: ForAttributeWithMetadataName with a transform that does nothing, same edits.
        GeneratorDriver floor = CSharpGeneratorDriver.Create([new FloorGenerator().AsSourceGenerator()], parseOptions: GeneratorHarness.ParseOptions).RunGenerators(compilation);
        for (int i = 0; i < 4; i++)
        {
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace("count + 1", $"count + {i + 20}"))));
            _ = edited.GetDeclarationDiagnostics();
            var watch = Stopwatch.StartNew();
            floor = floor.RunGenerators(edited);
            output.WriteLine($"floor (attribute lookup only), symbols declared first: {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        CSharpCompilation renamed = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace("int count)", "long count)"))));
        var signature = Stopwatch.StartNew();
        driver = driver.RunGenerators(renamed);
        output.WriteLine($"signature edit in one file (one file re-emitted): {signature.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(Files, driver.GetRunResult().GeneratedTrees.Length);
    }

    private void Measure(string what, CSharpCompilation compilation)
    {
        var watch = Stopwatch.StartNew();
        GeneratorDriverRunResult result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult();
        output.WriteLine($"{what}: {watch.Elapsed.TotalMilliseconds:F1} ms, {result.GeneratedTrees.Length} files");
        Assert.Equal(Files, result.GeneratedTrees.Length);
    }

    private static string Source(int file)
    {
        var source = new StringBuilder();
        source.AppendLine("using System.Collections.Generic;");
        source.AppendLine("using Coro;");
        source.AppendLine($"namespace Load.N{file};");
        source.AppendLine($"public partial class Type{file}");
        source.AppendLine("{");
        for (int m = 0; m < MethodsPerFile; m++)
        {
            source.AppendLine(m % 2 == 0 ? "    [Coroutine<int>]" : "    [Coroutine]");
            source.AppendLine($"    public partial IEnumerable<Future> Method{m}(string name, int count)");
            source.AppendLine("    {");
            source.AppendLine("        yield return Coroutine.Moment;");
            source.AppendLine(m % 2 == 0 ? "        yield return Coroutine.Return(count + 1);" : "        yield break;");
            source.AppendLine("    }");
        }

        source.AppendLine("}");
        return source.ToString();
    }

    /// <summary>Finds the same methods as the Coro generator and does nothing with them.</summary>
    private sealed class FloorGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var plain = context.SyntaxProvider.ForAttributeWithMetadataName("Coro.CoroutineAttribute", static (n, _) => true, static (c, _) => 0);
            var generic = context.SyntaxProvider.ForAttributeWithMetadataName("Coro.CoroutineAttribute`1", static (n, _) => true, static (c, _) => 0);
            context.RegisterSourceOutput(plain.Collect().Combine(generic.Collect()), static (_, _) => { });
        }
    }
}
