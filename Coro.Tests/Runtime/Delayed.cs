namespace Coro.Tests.Runtime;

/// <summary>Coroutines that finish after a sleep or a loop turn, for tests of what waits on them
/// (Tornado's <c>async_future</c> and <c>async_exception</c> helpers).</summary>
internal static partial class Delayed
{
    /// <summary>Succeeds with <paramref name="value"/> after <paramref name="milliseconds"/>.</summary>
    [Coroutine(ResultType = "T")]
    public static partial IEnumerable<Future> Value<T>(T value, int milliseconds)
    {
        yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        yield return Coroutine.Return(value);
    }

    /// <summary>Faults with an <see cref="InvalidOperationException"/> carrying <paramref name="message"/>
    /// after <paramref name="milliseconds"/> (0: after one loop turn).</summary>
    [Coroutine<int>]
    public static partial IEnumerable<Future> Failure(string message, int milliseconds)
    {
        yield return milliseconds == 0 ? Coroutine.Moment : Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        throw new InvalidOperationException(message);
    }
}
