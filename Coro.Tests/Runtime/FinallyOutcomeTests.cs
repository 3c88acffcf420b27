using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>
/// An exception from a finally block replaces the coroutine's outcome, as it does in C#, however
/// the body ended; an <see cref="OperationCanceledException"/> from one cancels the coroutine, as it
/// does an async method (the Runner's one finisher treats every ending alike).
/// </summary>
public class FinallyOutcomeTests
{
    public static TheoryData<string> Endings => ["return", "end", "throw", "faulted yield"];

    [Theory]
    [MemberData(nameof(Endings))]
    public void An_exception_from_a_finally_block_replaces_how_the_body_ended(string ending)
    {
        var fromFinally = new FormatException("from finally");

        Future<int> coroutine = Coroutine.Start<int>(Body(ending, fromFinally));

        Assert.True(coroutine.IsFaulted);
        Assert.Same(fromFinally, coroutine.Exception);
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void An_OperationCanceledException_from_a_finally_block_cancels_the_coroutine(string ending)
    {
        var fromFinally = new OperationCanceledException("from finally");

        Future<int> coroutine = Coroutine.Start<int>(Body(ending, fromFinally));

        Assert.True(coroutine.IsCanceled);
        Assert.Same(fromFinally, Assert.Throws<OperationCanceledException>(() => coroutine.Result));
    }

    private static IEnumerable Body(string ending, Exception fromFinally)
    {
        try
        {
            switch (ending)
            {
                case "return":
                    yield return Coroutine.Return(1);
                    break;
                case "throw":
                    throw new InvalidOperationException("from the body");
                case "faulted yield":
                    yield return Future.FromException(new InvalidOperationException("from a yield"));
                    break;
            }
        }
        finally
        {
            throw fromFinally;
        }
    }
}
