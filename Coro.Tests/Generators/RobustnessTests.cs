using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Tests.Generators;

/// <summary>Half-typed code never makes the generator throw (CS8785).</summary>
public class RobustnessTests
{
    [Theory]
    [MemberData(nameof(GoldenFileTests.Shapes), MemberType = typeof(GoldenFileTests))]
    public void Every_input_cut_at_every_7th_character_runs_without_an_exception(string shape)
    {
        string input = GoldenFiles.Input(shape);
        CSharpCompilation compilation = GeneratorHarness.Compilation(string.Empty);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        GeneratorDriver driver = GeneratorHarness.Driver();

        for (int length = 7; length < input.Length; length += 7)
        {
            SyntaxTree cut = tree.WithChangedText(SourceText.From(input[..length]));
            compilation = compilation.ReplaceSyntaxTree(tree, cut);
            tree = cut;

            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            Assert.True(run.Exception is null, $"{shape} cut at {length}: {run.Exception}");
            Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        }
    }
}
