using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Coro;

namespace Reach
{
    /// <summary>
    /// One check per yieldable kind, each a [Coroutine] body whose yield the generator sees. The
    /// task kinds, arrays, sequences and dictionaries are yielded from <c>IEnumerable&lt;object&gt;</c>
    /// bodies, so the runtime converts them (no implicit conversion at compile time), and each
    /// pending one resumes the body on the loop's thread.
    /// </summary>
    internal static partial class YieldChecks
    {
        public static string? Future() => Loops.Expect(Loops.Run(() => OfFutureAsync()), 1);

        public static string? FutureOfT() => Loops.Expect(Loops.Run(() => OfFutureOfTAsync()), 2);

        public static string? NullAndMoment() => Loops.Expect(Loops.Run(() => OfNullAndMomentAsync()), 2);

        public static string? Task() => Loops.Expect(Loops.Run(() => OfTaskAsync()), 3);

        public static string? TaskOfT() => Loops.Expect(Loops.Run(() => OfTaskOfTAsync()), 42);

        public static string? ValueTask() => Loops.Expect(Loops.Run(() => OfValueTaskAsync()), 5);

        public static string? ValueTaskOfT() => Loops.Expect(Loops.Run(() => OfValueTaskOfTAsync()), 43);

        public static string? FutureArray() => Loops.Expect(Loops.Run(() => OfFutureArrayAsync()), 3);

        public static string? FutureSequence() => Loops.Expect(Loops.Run(() => OfFutureSequenceAsync()), 6);

        public static string? TaskArray() => Loops.Expect(Loops.Run(() => OfTaskArrayAsync()), 30);

        public static string? Dictionary() => Loops.Expect(Loops.Run(() => OfDictionaryAsync()), "a=1 b=2");

        public static string? DictionaryOfFuture() => Loops.Expect(Loops.Run(() => OfDictionaryOfFutureAsync()), 2);

        public static string? Return() => Loops.Expect(Loops.Run(() => ReturnsAsync()), "returned");

        /// <summary>A future that is pending when yielded: the value, one loop turn later.</summary>
        [Coroutine(ResultType = "int")]
        public static partial IEnumerable<Future?> Later(int value)
        {
            yield return null;
            yield return Coroutine.Return(value);
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<Future> OfFuture()
        {
            Future later = LaterAsync(1);
            yield return later;
            yield return Coroutine.Return(later.IsDone ? 1 : -1);
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<Future> OfFutureOfT()
        {
            Future<int> later = LaterAsync(2);
            yield return later;
            yield return Coroutine.Return(later.Result);
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<Future?> OfNullAndMoment()
        {
            int steps = 0;
            yield return null;
            steps++;
            yield return Coroutine.Moment;
            steps++;
            yield return Coroutine.Return(steps);
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfTask()
        {
            int loop = Loops.ThreadId;
            int value = 0;
            Task task = System.Threading.Tasks.Task.Run(() => { value = 3; });
            yield return task;
            ThrowIf(Loops.OffTheLoop(loop));
            yield return Coroutine.Return(value);
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfTaskOfT()
        {
            int loop = Loops.ThreadId;
            Task<int> task = System.Threading.Tasks.Task.Run(() => 42);
            yield return task;
            ThrowIf(Loops.OffTheLoop(loop));
            yield return Coroutine.Return(Done(task));
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfValueTask()
        {
            int loop = Loops.ThreadId;
            int value = 0;
            var valueTask = new ValueTask(System.Threading.Tasks.Task.Run(() => { value = 5; }));
            yield return valueTask;
            ThrowIf(Loops.OffTheLoop(loop));
            yield return Coroutine.Return(value);
        }

        // The generator sees this ValueTask<int> yielded as object: the runtime must convert it
        // without reflection a trimmer removes (NativeAOT, IL2CPP).
        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfValueTaskOfT()
        {
            int loop = Loops.ThreadId;
            Task<int> task = System.Threading.Tasks.Task.Run(() => 43);
            yield return new ValueTask<int>(task);
            ThrowIf(Loops.OffTheLoop(loop));
            yield return Coroutine.Return(Done(task));
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfFutureArray()
        {
            Future<int>[] futures = { LaterAsync(1), LaterAsync(2) };
            yield return futures;
            yield return Coroutine.Return(futures[0].Result + futures[1].Result);
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfFutureSequence()
        {
            List<Future<int>> futures = new[] { 1, 2, 3 }.Select(i => LaterAsync(i)).ToList();
            yield return futures.Select(f => (Future)f);
            yield return Coroutine.Return(futures.Sum(f => f.Result));
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfTaskArray()
        {
            int loop = Loops.ThreadId;
            Task<int>[] tasks = { System.Threading.Tasks.Task.Run(() => 10), System.Threading.Tasks.Task.Run(() => 20) };
            yield return tasks;
            ThrowIf(Loops.OffTheLoop(loop));
            yield return Coroutine.Return(Done(tasks[0]) + Done(tasks[1]));
        }

        [Coroutine(ResultType = "string")]
        private static partial IEnumerable<object> OfDictionary()
        {
            var futures = new Dictionary<string, Future<int>> { ["a"] = LaterAsync(1), ["b"] = LaterAsync(2) };
            yield return futures;
            yield return Coroutine.Return(string.Join(" ", futures.Select(p => p.Key + "=" + (p.Value.IsDone ? p.Value.Result.ToString() : "pending"))));
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<object> OfDictionaryOfFuture()
        {
            var futures = new Dictionary<int, Future> { [1] = LaterAsync(1), [2] = LaterAsync(2) };
            yield return futures;
            yield return Coroutine.Return(futures.Values.Count(f => f.IsDone));
        }

        [Coroutine(ResultType = "string")]
        private static partial IEnumerable<Future?> Returns()
        {
            yield return null;
            yield return Coroutine.Return("returned");
        }

        /// <summary>The result of a task that the body has waited for (it is done: nothing blocks).</summary>
        internal static int Done(Task<int> task) =>
            task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("the body resumed before its task was done");

        internal static void ThrowIf(string? failure)
        {
            if (failure is not null)
            {
                throw new InvalidOperationException(failure);
            }
        }
    }
}
