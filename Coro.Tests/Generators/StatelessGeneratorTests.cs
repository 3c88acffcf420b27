using System.Reflection;
using System.Runtime.CompilerServices;
using Coro.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Tests.Generators;

/// <summary>
/// The generator keeps nothing between runs: no static state, no compilation, tree or symbol of an
/// earlier run (a compiler server builds many projects in one process), and a driver that has seen
/// a series of edits writes what a new driver writes for the last of them.
/// </summary>
public class StatelessGeneratorTests
{
    private const int Runs = 50;

    [Fact]
    public void One_driver_over_many_compilations_keeps_none_of_the_earlier_ones()
    {
        (GeneratorDriver driver, WeakReference[] compilations, WeakReference[] trees, WeakReference control) = RunMany();

        for (int i = 0; i < 10 && (control.IsAlive || compilations.Take(Runs - 1).Any(c => c.IsAlive)); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        // The control proves the collections ran and took what nothing holds; otherwise the
        // assertions below would pass whether anything was kept or not.
        Assert.False(control.IsAlive, "the control object was not collected: the test checks nothing");

        // The driver keeps its latest run to compare the next with; nothing before it stays.
        int[] keptCompilations = Enumerable.Range(0, Runs - 1).Where(i => compilations[i].IsAlive).ToArray();
        int[] keptTrees = Enumerable.Range(0, Runs - 1).Where(i => trees[i].IsAlive).ToArray();
        Assert.True(keptCompilations.Length == 0, "compilations of earlier runs kept: " + string.Join(", ", keptCompilations));
        Assert.True(keptTrees.Length == 0, "syntax trees of earlier runs kept: " + string.Join(", ", keptTrees));
        GC.KeepAlive(driver);
    }

    /// <summary>Runs one driver over <see cref="Runs"/> compilations, each with a coroutine of its own,
    /// and hands back only weak references to them (no local of the caller holds one).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (GeneratorDriver Driver, WeakReference[] Compilations, WeakReference[] Trees, WeakReference Control) RunMany()
    {
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true);
        var compilations = new WeakReference[Runs];
        var trees = new WeakReference[Runs];
        for (int i = 0; i < Runs; i++)
        {
            CSharpCompilation compilation = GeneratorHarness.Compilation($$"""
                using System.Collections.Generic;
                using Coro;
                namespace Demo{{i}};
                public partial class Worker{{i}}
                {
                    [Coroutine<int>] public partial IEnumerable<Future> Step{{i}}(int count) { yield return Coroutine.Return(count + {{i}}); }
                    [Coroutine] public partial IEnumerable<Future> Plain{{i}}() { yield return Coroutine.Moment; }
                }
                """);
            driver = driver.RunGenerators(compilation);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            Assert.Null(run.Exception);
            Assert.Contains($"Step{i}Async", run.GeneratedSources.Single().SourceText.ToString());
            compilations[i] = new WeakReference(compilation);
            trees[i] = new WeakReference(compilation.SyntaxTrees.Single());
        }

        // Made and dropped like the compilations, but never given to the generator.
        var control = new WeakReference(GeneratorHarness.Compilation("namespace Control; public class C { }"));
        return (driver, compilations, trees, control);
    }

    [Fact]
    public void The_generator_keeps_no_static_state()
    {
        // Static fields that are constants in all but name (formats, descriptors) are allowed; anything
        // a run could write to, or that could hold a run's objects, is not.
        Type[] immutable = [typeof(SymbolDisplayFormat), typeof(DiagnosticDescriptor), typeof(SuppressionDescriptor), typeof(string)];
        string[] offending = typeof(CoroutineGenerator).Assembly.GetTypes()
            .Where(type => !type.IsDefined(typeof(CompilerGeneratedAttribute)))
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(field => !field.IsLiteral && !field.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Where(field => !field.IsInitOnly || !immutable.Contains(field.FieldType))
            .Select(field => field.DeclaringType!.FullName + "." + field.Name + " (" + field.FieldType.Name + ")")
            .ToArray();

        Assert.True(offending.Length == 0, "static state in the generator: " + string.Join(", ", offending));
    }

    public static TheoryData<string, string, string> Edits => new()
    {
        { "inside a body in another file", "public int Value() { return 1; }", "public int Value() { return 2; }" },
        { "a member added in another file", "public int Value() { return 1; }", "public int Value() { return 1; } public int More() => 2;" },
        { "a signature changed in another file", "public int Value()", "public long Value()" },
        { "a type the coroutine names changed", "public class Payload { }", "public struct Payload { }" },
        { "a #nullable added in another file", "    public int Value()", "#nullable disable\n    public int Value()" },
        { "a wrapper's name taken in another part", "public int Value()", "public Future<int> StepAsync(Payload payload, int count) => Future.FromResult(count); public int Value()" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void After_an_edit_one_driver_writes_what_a_new_driver_writes(string edit, string before, string after)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Coroutines, Other);
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.ElementAt(1);
        string text = old.ToString();
        Assert.Contains(before, text);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(text.Replace(before, after))));

        Assert.Equal(Output(GeneratorHarness.Driver().RunGenerators(edited)), Output(driver.RunGenerators(edited)));
        Assert.True(edit.Length > 0);
    }

    [Fact]
    public void After_other_options_or_references_one_driver_writes_what_a_new_driver_writes()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Coroutines, Other);
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);

        CSharpCompilation nullableOff = compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable));
        CSharpCompilation noCoro = compilation.RemoveReferences(compilation.References.Last());

        string before = Output(driver);
        Assert.NotEqual(before, Output(driver = driver.RunGenerators(nullableOff)));
        Assert.Equal(Output(GeneratorHarness.Driver().RunGenerators(nullableOff)), Output(driver));
        Assert.Equal(Output(GeneratorHarness.Driver().RunGenerators(noCoro)), Output(driver = driver.RunGenerators(noCoro)));
        Assert.Equal(before, Output(driver.RunGenerators(compilation)));
    }

    private const string Coroutines = """
        using System.Collections.Generic;
        using Coro;
        namespace Demo;
        public partial class Worker
        {
            [Coroutine<int>]
            public partial IEnumerable<Future> Step(Payload payload, int count)
            {
                yield return Coroutine.Moment;
                yield return Coroutine.Return(count + 1);
            }
        }
        """;

    private const string Other = """
        using Coro;
        namespace Demo;
        public class Payload { }
        public partial class Worker
        {
            public string? Name() { return null; }
            public int Value() { return 1; }
        }
        """;

    /// <summary>The generated files and the generator's diagnostics, as one text.</summary>
    private static string Output(GeneratorDriver driver)
    {
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        return string.Join("\n", run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText))
            + "\n" + string.Join("\n", run.Diagnostics.Select(d => d.ToString()));
    }
}
