using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

public class CORO007UnreachableAfterReturnAnalyzerTests
{
    private static Task Verify(string body, string attribute = "[Coroutine<int>]") => CoroVerifier.VerifyAnalyzerAsync<CORO007UnreachableAfterReturnAnalyzer>($$"""
        partial class C
        {
            {{attribute}}
            public partial IEnumerable<Future> M(bool b, int k);
            public partial IEnumerable<Future> M(bool b, int k)
            {
        {{body}}
            }
        }
        """);

    // Positive cases.

    [Fact]
    public Task A_statement_after_the_return_is_reported() => Verify("""
                yield return Coroutine.Return(1);
                {|CORO007:Console.WriteLine("never");|}
        """);

    [Fact]
    public Task Several_statements_are_reported_as_one_span() => Verify("""
                yield return Coroutine.Return(1);
                {|CORO007:Console.WriteLine("never");
                yield return null!;
                yield break;|}
        """);

    [Fact]
    public Task Statements_after_a_return_in_a_nested_block_are_reported() => Verify("""
                if (b)
                {
                    yield return Coroutine.Return(1);
                    {|CORO007:k++;|}
                }

                yield return Coroutine.Return(k);
        """);

    [Fact]
    public Task Statements_after_a_return_in_a_switch_section_are_reported_but_not_its_final_jump() => Verify("""
                switch (k)
                {
                    case 1:
                        yield return Coroutine.Return(1);
                        break; // C# needs it: a section must not fall through
                    default:
                        yield return Coroutine.Return(2);
                        {|CORO007:Console.WriteLine();|}
                        break;
                }
        """);

    [Fact]
    public Task Statements_after_a_return_in_a_loop_are_reported() => Verify("""
                for (int i = 0; i < k; i++)
                {
                    yield return Coroutine.Return(i);
                    {|CORO007:continue;|}
                }
        """);

    // Negative cases.

    [Fact]
    public Task A_yield_break_right_after_the_return_is_accepted() => Verify("""
                if (b)
                {
                    yield return Coroutine.Return(1);
                    yield break;
                }

                yield return Coroutine.Return(2);
                yield break;
        """);

    [Fact]
    public Task Statements_after_the_yield_break_that_follows_the_return_are_reported() => Verify("""
                yield return Coroutine.Return(1);
                yield break;
                {|CORO007:k++;
                yield break;|}
        """);

    [Fact]
    public Task A_return_at_the_end_is_accepted() => Verify("""
                var f = Future.FromResult(2);
                yield return f;
                yield return Coroutine.Return(f.Result);
        """);

    [Fact]
    public Task Statements_after_the_block_of_a_conditional_return_run() => Verify("""
                if (b)
                {
                    yield return Coroutine.Return(1);
                }

                Console.WriteLine("runs when b is false");
                yield return Coroutine.Return(2);
        """);

    [Fact]
    public Task Local_functions_after_the_return_and_labels_are_left_alone() => Verify("""
                if (b)
                {
                    yield return Coroutine.Return(Twice(k));
                    int Twice(int x) => x * 2;
                }

                if (k > 0)
                {
                    goto again;
                }

                yield return Coroutine.Return(0);
                again:
                Console.WriteLine();
        """);

    [Fact]
    public Task Returns_that_are_not_yielded_or_other_yields_are_accepted() => Verify("""
                var r = Coroutine.Return(1);
                Console.WriteLine(r);
                yield return Future.Completed;
                Console.WriteLine();
        """, "[Coroutine]");

    [Fact]
    public Task Local_functions_and_non_coroutines_are_not_analyzed() => CoroVerifier.VerifyAnalyzerAsync<CORO007UnreachableAfterReturnAnalyzer>("""
        partial class C
        {
            public IEnumerable<Future> Plain()
            {
                yield return Coroutine.Return(1);
                Console.WriteLine();
            }

            [Coroutine]
            public partial IEnumerable<Future> M();
            public partial IEnumerable<Future> M()
            {
                IEnumerable<Future> Inner()
                {
                    yield return Coroutine.Return(1);
                    Console.WriteLine();
                }

                yield return Coroutine.Start<int>(Inner());
            }
        }
        """);
}
