namespace Coro.Tests.Generators;

/// <summary>Properties of the output as a whole: deterministic, with unique hint names.</summary>
public class OutputTests
{
    [Fact]
    public void The_same_input_gives_byte_identical_output()
    {
        string input = GoldenFiles.Input("DefaultValues");
        string first = GeneratorHarness.Run(GeneratorHarness.Compilation(input)).Result.GeneratedTrees.Single().ToString();
        string second = GeneratorHarness.Run(GeneratorHarness.Compilation(input)).Result.GeneratedTrees.Single().ToString();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Hint_names_stay_unique_when_types_differ_only_in_case()
    {
        const string source = """
            using System.Collections.Generic;
            using Coro;
            namespace Demo;
            internal partial class Thing { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }
            internal partial class THING { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }
            """;
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(source));

        Assert.Equal(["Demo.THING.g.cs", "Demo.Thing_2.g.cs"], result.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        GeneratorHarness.AssertClean(output);
    }

    [Fact]
    public void A_cref_that_does_not_resolve_would_fail_the_golden_tests()
    {
        // Guards the golden tests' claim: with DocumentationMode.Diagnose a bad cref is a warning.
        var compilation = GeneratorHarness.Compilation("/// <summary><see cref=\"Missing(int)\"/></summary>\npublic class C { }");
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS1574");
    }
}
