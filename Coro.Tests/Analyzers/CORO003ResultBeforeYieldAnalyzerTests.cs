using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

public class CORO003ResultBeforeYieldAnalyzerTests
{
    private static Task Verify(string body, string parameters = "bool b") => CoroVerifier.VerifyAnalyzerAsync<CORO003ResultBeforeYieldAnalyzer>($$"""
        partial class C
        {
            static Future<int> Get() => Future.FromResult(1);
            static void Use(int value) { }

            [Coroutine]
            public partial IEnumerable<Future> M({{parameters}});
            public partial IEnumerable<Future> M({{parameters}})
            {
        {{body}}
            }
        }
        """);

    // Positive cases.

    [Fact]
    public Task Reading_a_future_never_yielded_is_reported() => Verify("""
                Future<int> f = Get();
                int x = {|CORO003:f.Result|};
                yield return f;
        """);

    [Fact]
    public Task Yielding_on_one_branch_only_is_not_enough() => Verify("""
                var f = Get();
                if (b)
                {
                    yield return f;
                }

                Use({|CORO003:f.Result|});
        """);

    [Fact]
    public Task A_loop_that_may_not_run_does_not_count_as_a_yield() => Verify("""
                var f = Get();
                for (int i = 0; i < 10 && b; i++)
                {
                    yield return f;
                }

                Use({|CORO003:f.GetAwaiter().GetResult()|});
        """);

    [Fact]
    public Task Reassigning_the_variable_forgets_the_yield() => Verify("""
                var f = Get();
                yield return f;
                f = Get();
                Use({|CORO003:f.Result|});
        """);

    [Fact]
    public Task Yielding_another_future_does_not_count() => Verify("""
                var f = Get();
                var g = Get();
                yield return g;
                Use(g.Result + {|CORO003:f.Result|});
        """);

    [Fact]
    public Task Only_the_first_of_two_reads_is_reported_and_reads_in_conditions_count() => Verify("""
                var f = Get();
                while ({|CORO003:f.Result|} > 0 && f.Result < 10)
                {
                    yield return null;
                }
        """);

    [Fact]
    public Task GetResult_on_a_plain_future_is_reported() => Verify("""
                Future f = Future.Completed;
                {|CORO003:f.GetAwaiter().GetResult()|};
                yield return f;
                f.GetAwaiter().GetResult();
        """);

    [Fact]
    public Task Future_any_does_not_make_every_future_done() => Verify("""
                var f = Get();
                var g = Get();
                yield return Future.Any(f, g);
                Use({|CORO003:f.Result|});
        """);

    // Negative cases.

    [Fact]
    public Task The_idiom_of_the_design_yield_then_read_is_accepted() => Verify("""
                Future<int> page = Get();
                yield return page;
                yield return Coroutine.Return(page.Result);
        """);

    [Fact]
    public Task Yielding_on_every_branch_and_through_helpers_counts() => Verify("""
                var f = Get();
                var g = Get();
                var h = Get();
                if (b)
                {
                    yield return f;
                }
                else
                {
                    yield return Future.All(f, g);
                }

                Use(f.Result);
                yield return h.Settled();
                if (!h.IsFaulted)
                {
                    Use(h.Result);
                }

                yield return Future.All(new[] { g });
                Use(g.Result);
        """);

    [Fact]
    public Task Yielding_Gather_or_an_array_of_futures_counts_for_each_of_them() => Verify("""
                var f = Get();
                var g = Future.FromResult("text");
                var h = Get();
                var k = Get();
                yield return Future.Gather(f, g);
                Use(f.Result + g.Result.Length);
                yield return new[] { h, k };
                Use(h.Result + k.Result);
        """);

    [Fact]
    public Task Yields_inside_try_finally_using_and_foreach_count() => Verify("""
                var f = Get();
                try
                {
                    yield return f;
                }
                finally
                {
                    Console.WriteLine("cleanup");
                }

                Use(f.Result);
                using (var gate = new SemaphoreSlim(1))
                {
                    var g = Get();
                    yield return g;
                    Use(g.Result);
                }

                foreach (var h in new[] { Get(), Get() })
                {
                    yield return h;
                    Use(h.Result);
                }
        """);

    [Fact]
    public Task Checking_IsDone_first_is_accepted() => Verify("""
                var f = Get();
                if (f.IsDone)
                {
                    Use(f.Result);
                }

                var g = Get();
                while (!g.IsDone)
                {
                    yield return null;
                }

                Use(g.Result);
                Use(f.IsDone ? f.Result : 0);
        """);

    [Fact]
    public Task Lambdas_and_local_functions_inside_the_body_are_not_analyzed() => Verify("""
                var f = Get();
                Func<int> read = () => f.Result;
                int Read() => f.Result;
                Action later = () => Use(f.Result);
                yield return f;
                Use(read() + Read());
        """);

    [Fact]
    public Task Futures_that_are_not_locals_are_left_to_the_caller() => Verify("""
                Use(p.Result);
                Use(Get().Result);
                yield return p;
        """, "Future<int> p");

    [Fact]
    public Task A_method_that_is_not_a_coroutine_is_not_analyzed() => CoroVerifier.VerifyAnalyzerAsync<CORO003ResultBeforeYieldAnalyzer>("""
        class C
        {
            public IEnumerable<Future> M()
            {
                var f = Future.FromResult(1);
                Console.WriteLine(f.Result);
                yield return f;
            }

            public int N()
            {
                var f = Future.FromResult(1);
                return f.Result;
            }
        }
        """);
}
