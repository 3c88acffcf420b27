namespace Coro.Tests.Generators;

/// <summary>Each input in <c>Inputs</c> gives exactly the files in <c>Golden/&lt;Shape&gt;</c>, and they compile clean.</summary>
public class GoldenFileTests
{
    public static TheoryData<string> Shapes => new(GoldenFiles.Shapes);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Generated_code_matches_its_golden_file_and_compiles_without_warnings(string shape)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(GoldenFiles.Input(shape)));

        var generated = result.Results.Single().GeneratedSources
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .ToList();
        Assert.NotEmpty(generated);
        GoldenFiles.Verify(shape, generated);
        GeneratorHarness.AssertClean(output);
    }
}
