using System.Reflection;
using Coro.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coro.Tests.Generators;

/// <summary>The pipeline caches: edits that leave every coroutine's signature alone re-emit nothing.</summary>
public class IncrementalTests
{
    private const string Unrelated = "namespace Demo; public class Unrelated { public int Value => 1; }";

    public static IEnumerable<string> StepNames =>
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void After_an_unrelated_edit_every_step_is_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        CSharpCompilation edited = Edit(compilation, 1, Unrelated, Unrelated.Replace("=> 1", "=> 2"));
        GeneratorDriverRunResult result = driver.RunGenerators(edited).GetRunResult();

        AssertEveryStep(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void After_an_edit_inside_a_body_every_step_is_cached_or_unchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        string input = GoldenFiles.Input("InstanceAndStatic");

        CSharpCompilation edited = Edit(compilation, 0, input, input.Replace("seen.Add(i);", "seen.Add(i * 2);"));
        GeneratorDriverRunResult result = driver.RunGenerators(edited).GetRunResult();

        AssertEveryStep(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void After_a_signature_edit_the_file_is_generated_again()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        string input = GoldenFiles.Input("InstanceAndStatic");

        CSharpCompilation edited = Edit(compilation, 0, input, input.Replace("int count)", "int limit)").Replace("i <= count", "i <= limit"));
        GeneratorDriverRunResult result = driver.RunGenerators(edited).GetRunResult();

        GeneratorRunResult run = result.Results.Single();
        Assert.Contains(run.TrackedSteps[TrackingNames.CoroutineTypes].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("int limit", run.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void An_edit_in_another_file_that_changes_what_a_signature_names_generates_the_file_again()
    {
        const string coroutine = """
            using System.Collections.Generic;
            using Coro;
            namespace Demo;
            public partial class A { [Coroutine] public partial IEnumerable<Future> M(Payload x) { yield return Coroutine.Moment; } }
            """;
        const string alias = "global using Payload = int;";
        CSharpCompilation compilation = GeneratorHarness.Compilation(coroutine, alias);
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        Assert.Contains("int x", driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString());

        CSharpCompilation edited = Edit(compilation, 1, alias, alias.Replace("int", "long"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(run.TrackedSteps[TrackingNames.CoroutineTypes].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("long x", run.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void An_edit_inside_a_body_that_removes_the_last_yield_takes_the_wrapper_away()
    {
        const string coroutine = """
            using System.Collections.Generic;
            using Coro;
            namespace Demo;
            public partial class A { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }
            """;
        CSharpCompilation compilation = GeneratorHarness.Compilation(coroutine, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        Assert.Contains("MAsync", driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString());

        CSharpCompilation edited = Edit(compilation, 0, coroutine, coroutine.Replace("yield return Coroutine.Moment;", "return new Future[0];"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.DoesNotContain("MAsync", run.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Only_the_changed_type_is_generated_again()
    {
        const string two = """
            using System.Collections.Generic;
            using Coro;
            namespace Demo;
            public partial class A { [Coroutine] public partial IEnumerable<Future> M(int x) { yield return Coroutine.Moment; } }
            public partial class B { [Coroutine] public partial IEnumerable<Future> M(int x) { yield return Coroutine.Moment; } }
            """;
        CSharpCompilation compilation = GeneratorHarness.Compilation(two);
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);

        CSharpCompilation edited = Edit(compilation, 0, two, two.Replace("class B { [Coroutine] public partial IEnumerable<Future> M(int x)", "class B { [Coroutine] public partial IEnumerable<Future> M(long x)"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The files' outputs (fed by CoroutineTypes); the CORO004 report is another output step.
        var outputs = run.TrackedOutputSteps.SelectMany(step => step.Value)
            .Where(s => s.Inputs.Any(i => i.Source.Name == TrackingNames.CoroutineTypes))
            .SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, outputs.Count);
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(outputs, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(GoldenFiles.Input("InstanceAndStatic"), Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Single(first.GeneratedSources);
        return (driver, compilation);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, int tree, string before, string after)
    {
        Assert.NotEqual(before, after);
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(tree);
        Assert.Equal(before, old.ToString());
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(after)));
    }

    private static void AssertEveryStep(GeneratorDriverRunResult result, params IncrementalStepRunReason[] allowed)
    {
        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);

        foreach (string name in StepNames)
        {
            Assert.True(run.TrackedSteps.TryGetValue(name, out var steps), $"step {name} was not tracked");
            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.True(allowed.Contains(reason), $"step {name} output was {reason}");
                }
            }
        }

        Assert.NotEmpty(run.TrackedOutputSteps);
        foreach ((string name, var steps) in run.TrackedOutputSteps)
        {
            foreach ((object _, IncrementalStepRunReason reason) in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step {name} was {reason}");
            }
        }
    }
}
