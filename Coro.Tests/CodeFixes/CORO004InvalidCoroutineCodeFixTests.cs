using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;
using Microsoft.CodeAnalysis.Testing;

namespace Coro.Tests.CodeFixes;

public class CORO004InvalidCoroutineCodeFixTests
{
    // A partial method in a type that is not partial keeps CS0751 whatever the generator writes, so
    // the generator reports that CORO004 (the analyzer stays silent there, or the IDE would show it
    // twice) and the fix also takes the compiler's CS0751.
    [Fact]
    public Task Partial_is_added_to_the_containing_types_including_fix_all() =>
        CoroVerifier.VerifyFixAsync<CORO004InvalidCoroutineAnalyzer, CORO004InvalidCoroutineCodeFix>("""
            public static class Outer
            {
                internal sealed class C
                {
                    [Coroutine]
                    public partial IEnumerable<Future> {|CS0751:M|}();
                    public partial IEnumerable<Future> {|CS0751:M|}()
                    {
                        yield break;
                    }
                }

                struct S
                {
                    [Coroutine]
                    private partial IEnumerator {|CS0751:N|}();
                    private partial IEnumerator {|CS0751:N|}() { yield break; }
                }
            }
            """, FixedTypes);

    [Fact]
    public Task Partial_is_added_to_the_method() =>
        CoroVerifier.VerifyFixAsync<CORO004InvalidCoroutineAnalyzer, CORO004InvalidCoroutineCodeFix>("""
            partial class C
            {
                [Coroutine]
                public static IEnumerable<Future> {|CORO004:M|}()
                {
                    yield break;
                }
            }
            """, FixedMethod, FixedMethod, [], []);

    // Without the generator the defining declaration is missing (CS0759); the generator adds it.
    private const string FixedMethod = """
            partial class C
            {
                [Coroutine]
                public static partial IEnumerable<Future> {|CS0759:M|}()
                {
                    yield break;
                }
            }
            """;

    private const string FixedTypes = """
            public static partial class Outer
            {
                internal sealed partial class C
                {
                    [Coroutine]
                    public partial IEnumerable<Future> M();
                    public partial IEnumerable<Future> M()
                    {
                        yield break;
                    }
                }

                partial struct S
                {
                    [Coroutine]
                    private partial IEnumerator N();
                    private partial IEnumerator N() { yield break; }
                }
            }
            """;

    // What the fix writes compiles once the generator runs on it: no CS0759 or CS0751 left, and the
    // wrappers are there to call.
    [Theory]
    [InlineData(FixedTypes, "Outer.C", "MAsync")]
    [InlineData(FixedMethod, "C", "MAsync")]
    public void The_fixed_code_compiles_with_the_generator(string fixedSource, string type, string wrapper)
    {
        var (_, output) = Generators.GeneratorHarness.Run(Generators.GeneratorHarness.Compilation(CoroVerifier.Header + CoroVerifier.StripMarkup(fixedSource)));

        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.NotNull(output.GetTypeByMetadataName(type.Replace('.', '+'))?.GetMembers(wrapper).SingleOrDefault());
    }
}
