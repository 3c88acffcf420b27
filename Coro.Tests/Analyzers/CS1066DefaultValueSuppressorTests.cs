using Microsoft.CodeAnalysis;

namespace Coro.Tests.Analyzers;

public class CS1066DefaultValueSuppressorTests
{
    private const string Source = CoroVerifier.Header + """
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(int retries, string name);
            public partial IEnumerable<Future> M(int retries = 3, string name = "x")
            {
                yield break;
            }

            public partial void Plain(int x);
            public partial void Plain(int x = 1) { }

            partial void Other(int x);
            partial void Other(int x = 2) { }
        }
        """;

    [Fact]
    public async Task Defaults_on_a_coroutine_implementation_are_suppressed_and_others_are_not()
    {
        var exceptions = new List<string>();
        var diagnostics = await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(Source), exceptions);
        Assert.Empty(exceptions);

        var cs1066 = diagnostics.Where(d => d.Id == "CS1066").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(4, cs1066.Count);
        Assert.All(cs1066.Take(2), d => Assert.True(d.IsSuppressed, d.ToString()));
        Assert.All(cs1066.Skip(2), d => Assert.False(d.IsSuppressed, d.ToString()));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error && !d.IsSuppressed);
    }
}
