namespace Coro.Tests.Generators;

/// <summary>Properties of the output as a whole: deterministic, with unique hint names.</summary>
public class OutputTests
{
    // That a later process writes the same bytes is what the golden files check (they were written
    // by an earlier one); this checks what one process can get wrong: order.
    [Fact]
    public void The_output_does_not_depend_on_the_order_of_files_or_declarations()
    {
        string[] files =
        [
            """
            using System.Collections.Generic;
            using Coro;
            namespace Demo;
            internal partial class Thing
            {
                [Coroutine] public partial IEnumerable<Future> Zeta() { yield return Coroutine.Moment; }
                [Coroutine<int>] public partial IEnumerable<Future> Alpha(int n) { yield return Coroutine.Return(n); }
            }
            """,
            """
            using System.Collections.Generic;
            using Coro;
            namespace Demo;
            internal partial class THING { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }
            internal partial class Thing
            {
                [Coroutine<string>] public partial IEnumerable<Future> Alpha(string s) { yield return Coroutine.Return(s); }
                [Coroutine] public partial IEnumerable<Future> Middle() { yield return Coroutine.Moment; }
            }
            """,
        ];

        var forward = Output(GeneratorHarness.Compilation(files));
        var backward = Output(GeneratorHarness.Compilation([.. files.Reverse()]));

        Assert.Equal(2, forward.Count);
        Assert.Equal(forward, backward);

        static List<(string HintName, string Text)> Output(Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation) =>
            [.. GeneratorHarness.Run(compilation).Result.Results.Single().GeneratedSources
                .Select(s => (s.HintName, s.SourceText.ToString()))
                .OrderBy(s => s.HintName, StringComparer.Ordinal)];
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

    [Theory]
    [InlineData("using Co = Coro.CoroutineAttribute;", "[Co]")]
    [InlineData("using C = Coro;", "[C::Coroutine<int>]")]
    [InlineData("", "[global::Coro.CoroutineAttribute]")]
    [InlineData("", "[Coro.CoroutineAttribute<int>]")]
    public void A_coroutine_is_found_however_its_attribute_is_named(string usings, string attribute)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(usings + "\n" + Thing(attribute)));

        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Contains(output.GetSymbolsWithName("MAsync"), s => s.ToDisplayString() == "Demo.Thing.MAsync()");
        GeneratorHarness.AssertClean(output);
    }

    [Fact]
    public void A_coroutine_is_found_through_a_global_alias_in_another_file()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(Thing("[Co]"), "global using Co = Coro.CoroutineAttribute<int>;"));

        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Contains(output.GetSymbolsWithName("MAsync"), s => s.ToDisplayString() == "Demo.Thing.MAsync()");
        GeneratorHarness.AssertClean(output);
    }

    private static string Thing(string attribute) => $$"""
        using System.Collections.Generic;
        using Coro;
        namespace Demo;
        internal partial class Thing { {{attribute}} public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }
        """;

    [Fact]
    public void A_cref_that_does_not_resolve_would_fail_the_golden_tests()
    {
        // Guards the golden tests' claim: with DocumentationMode.Diagnose a bad cref is a warning.
        var compilation = GeneratorHarness.Compilation("/// <summary><see cref=\"Missing(int)\"/></summary>\npublic class C { }");
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS1574");
    }
}
