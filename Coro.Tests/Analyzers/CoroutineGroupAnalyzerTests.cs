using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

/// <summary>What the analyzers make of a CoroutineGroup: CORO006 for a group never yielded, and
/// CORO003's flow, where a group is a future whose yield also makes its children done.</summary>
public class CoroutineGroupAnalyzerTests
{
    private static Task Verify<TAnalyzer>(string body)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new() =>
        CoroVerifier.VerifyAnalyzerAsync<TAnalyzer>($$"""
        partial class C
        {
            static Future<int> Get() => Future.FromResult(1);
            static void Use(int value) { }
            static void Keep(Future future) { }

            [Coroutine]
            public partial IEnumerable<Future> M(bool b);
            public partial IEnumerable<Future> M(bool b)
            {
        {{body}}
            }
        }
        """);

    // CORO006.

    [Fact]
    public Task A_group_that_is_only_filled_and_disposed_is_a_dropped_future() => Verify<CORO006DiscardedFutureAnalyzer>("""
                using var group = {|CORO006:new CoroutineGroup()|};
                group.Add(Get());
                if (group.IsDone)
                {
                    group.Cancel();
                }

                yield return Get();
        """);

    [Fact]
    public Task A_group_that_is_yielded_or_may_be_waited_on_elsewhere_is_not_reported() => Verify<CORO006DiscardedFutureAnalyzer>("""
                using var yielded = new CoroutineGroup();
                yielded.Add(Get());
                yield return yielded;

                var settled = new CoroutineGroup();
                yield return settled.Settled();

                var passed = new CoroutineGroup();
                Keep(passed);

                var captured = new CoroutineGroup();
                Action later = () => Keep(captured);

                var inArray = new CoroutineGroup();
                yield return Future.All(inArray, Get());
        """);

    [Fact]
    public Task A_group_outside_a_coroutine_body_is_left_alone() => CoroVerifier.VerifyAnalyzerAsync<CORO006DiscardedFutureAnalyzer>("""
        class C
        {
            void M()
            {
                var group = new CoroutineGroup();
                group.Add(Future.Completed);
            }
        }
        """);

    // CORO003 through YieldFlow.

    [Fact]
    public Task Yielding_a_group_makes_its_children_done() => Verify<CORO003ResultBeforeYieldAnalyzer>("""
                using var group = new CoroutineGroup();
                var added = group.Add(Get());
                Future<int> given = Get();
                group.Add(given);
                Future<int> both;
                both = group.Add(Get());
                yield return group;
                Use(added.Result + given.Result + both.Result);
        """);

    [Fact]
    public Task Yielding_a_group_through_Settled_or_an_outer_group_makes_the_children_done() => Verify<CORO003ResultBeforeYieldAnalyzer>("""
                using var outer = new CoroutineGroup();
                var inner = outer.Add(new CoroutineGroup());
                var child = inner.Add(Get());
                yield return outer.Settled();
                Use(child.Result);
        """);

    [Fact]
    public Task A_child_read_before_its_group_is_yielded_is_reported() => Verify<CORO003ResultBeforeYieldAnalyzer>("""
                using var group = new CoroutineGroup();
                var child = group.Add(Get());
                Use({|CORO003:child.Result|});
                yield return group;
        """);

    [Fact]
    public Task Yielding_one_group_does_not_make_another_groups_children_done() => Verify<CORO003ResultBeforeYieldAnalyzer>("""
                using var first = new CoroutineGroup();
                using var second = new CoroutineGroup();
                var mine = first.Add(Get());
                var theirs = second.Add(Get());
                yield return first;
                Use(mine.Result + {|CORO003:theirs.Result|});
                yield return second;
        """);

    [Fact]
    public Task A_group_is_a_future_like_any_other_whose_result_is_read_too_early() => Verify<CORO003ResultBeforeYieldAnalyzer>("""
                var group = new CoroutineGroup();
                {|CORO003:group.GetAwaiter().GetResult()|};
                yield return group;
        """);
}
