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
        RunEach(shape, "cut at", Enumerable.Range(1, input.Length / 7).Select(i => (i * 7, input[..(i * 7)])));
    }

    [Theory]
    [MemberData(nameof(GoldenFileTests.Shapes), MemberType = typeof(GoldenFileTests))]
    public void Every_input_with_7_characters_removed_at_every_7th_character_runs_without_an_exception(string shape)
    {
        string input = GoldenFiles.Input(shape);
        RunEach(shape, "7 characters removed at", Enumerable.Range(0, input.Length / 7).Select(i => (i * 7, input.Remove(i * 7, 7))));
    }

    [Theory]
    [MemberData(nameof(GoldenFileTests.Shapes), MemberType = typeof(GoldenFileTests))]
    public void Every_input_with_random_edits_runs_without_an_exception(string shape)
    {
        // Seeded, so a failure repeats: deletions and insertions of the tokens the parser looks at.
        string[] inserts =
        [
            "partial ", "static ", "async ", "yield ", "this ", "params ", "ref ", "file ", "record ", "class ",
            "[Coroutine]", "[Coroutine<int>]", "where T : ", "<", ">", "(", ")", "{", "}", "=", "\"", "'", ",", ";", "@",
        ];
        string input = GoldenFiles.Input(shape);
        var random = new Random(shape.Sum(c => c));
        RunEach(shape, "random edit", Enumerable.Range(0, 150).Select(i =>
        {
            string text = input;
            for (int edit = random.Next(1, 4); edit > 0; edit--)
            {
                int position = random.Next(text.Length);
                text = random.Next(2) == 0
                    ? text.Remove(position, Math.Min(random.Next(1, 12), text.Length - position))
                    : text.Insert(position, inserts[random.Next(inserts.Length)]);
            }

            return (i, text);
        }));
    }

    /// <summary>Runs one driver over the variants in turn, as an editor does while the user types.</summary>
    private static void RunEach(string shape, string what, IEnumerable<(int Position, string Text)> variants)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(string.Empty);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        GeneratorDriver driver = GeneratorHarness.Driver();

        foreach ((int position, string text) in variants)
        {
            SyntaxTree changed = tree.WithChangedText(SourceText.From(text));
            compilation = compilation.ReplaceSyntaxTree(tree, changed);
            tree = changed;

            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            Assert.True(run.Exception is null, $"{shape}, {what} {position}: {run.Exception}");
            Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        }
    }
}
