using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Coro;

namespace Reach
{
    /// <summary>
    /// Values the generator cannot see: hand-written iterators run by <c>Coroutine.Start</c> that
    /// yield values typed <c>object</c>. What Coro can convert without reflection works; anything
    /// else faults the coroutine with a <see cref="BadYieldException"/> that names the type, never
    /// with an exception from Coro's internals.
    /// </summary>
    internal static class StartChecks
    {
        /// <summary>A ValueTask&lt;int&gt; whose T is registered: YieldChecks.OfValueTaskOfT yields one
        /// from a [Coroutine] body, and runs first.</summary>
        public static string? RegisteredValueTask() => Loops.Expect(Loops.Run(() => Coroutine.Start<int>(BoxedValueTask())), 44);

        public static string? Dictionary() => Loops.Expect(Loops.Run(() => Coroutine.Start<string>(DictionaryAsObject())), "a=1 b=2");

        public static string? UnregisteredValueTask() =>
            ExpectBadYield(Loops.Run(() => Coroutine.Start(Yield(new ValueTask<Unregistered>(new Unregistered())))), "ValueTask", nameof(Unregistered));

        public static string? PlainObject() => ExpectBadYield(Loops.Run(() => Coroutine.Start(Yield(new object()))), "Object");

        private static IEnumerable<object> BoxedValueTask()
        {
            Task<int> task = Task.Run(() => 44);
            object yielded = new ValueTask<int>(task);
            yield return yielded;
            yield return Coroutine.Return(YieldChecks.Done(task));
        }

        private static IEnumerable<object> DictionaryAsObject()
        {
            var futures = new Dictionary<string, Future<int>> { ["a"] = YieldChecks.LaterAsync(1), ["b"] = YieldChecks.LaterAsync(2) };
            object yielded = futures;
            yield return yielded;
            yield return Coroutine.Return(string.Join(" ", futures.Select(p => p.Key + "=" + (p.Value.IsDone ? p.Value.Result.ToString() : "pending"))));
        }

        private static IEnumerable<object> Yield(object value)
        {
            yield return value;
        }

        /// <summary>Null if <paramref name="future"/> faulted with a BadYieldException whose message
        /// names every one of <paramref name="names"/>, else what happened instead.</summary>
        private static string? ExpectBadYield(Future future, params string[] names)
        {
            if (!future.IsFaulted)
            {
                return "expected a BadYieldException, but the coroutine " + (Loops.Failure(future) ?? "succeeded");
            }

            Exception exception = future.Exception!;
            if (exception is not BadYieldException)
            {
                return "expected a BadYieldException, got " + exception;
            }

            string[] missing = names.Where(n => exception.Message.IndexOf(n, StringComparison.Ordinal) < 0).ToArray();
            return missing.Length == 0 ? null : $"the message does not name {string.Join(", ", missing)}: {exception.Message}";
        }

        /// <summary>A type no [Coroutine] body yields a ValueTask of, anywhere in the program.</summary>
        private sealed class Unregistered
        {
        }
    }
}
