using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coro;

namespace Reach
{
    /// <summary>Cancellation, groups, queues, locks, Gather, a pumped loop and virtual time.</summary>
    internal static partial class FeatureChecks
    {
        /// <summary>The token is cancelled by a timer on another thread (CancelAfter); the coroutine
        /// waits on a future nobody completes, so only the cancellation can end it.</summary>
        public static string? CancelledByTimerThread()
        {
            var log = new List<string>();
            using var source = new CancellationTokenSource();
            Future? waiting = null;
            Loops.Run(() =>
            {
                waiting = WaitForeverAsync(log, source.Token);
                source.CancelAfter(1);
                return waiting.Settled();
            });

            if (waiting is null || !waiting.IsCanceled)
            {
                return "expected the coroutine to be cancelled, but it " + (waiting is null ? "never started" : Loops.Failure(waiting) ?? "succeeded");
            }

            string[] expected = { "started on the loop", "finally on the loop" };
            return log.SequenceEqual(expected) ? null : $"its log reads [{string.Join(", ", log)}], expected [{string.Join(", ", expected)}]";
        }

        public static string? GroupAllDone() => Loops.Expect(Loops.Run(() => GroupOfThreeAsync()), 6);

        public static string? GroupFailure()
        {
            var log = new List<string>();
            Future<string> outcome = Loops.Run(() => GroupWithFailureAsync(log));
            string? failure = Loops.Expect(outcome, "group faulted with: child failed");
            if (failure is not null)
            {
                return failure;
            }

            return log.Contains("finally on the loop") ? null : $"the cancelled child's finally did not run on the loop: [{string.Join(", ", log)}]";
        }

        public static string? Queue() => Loops.Expect(Loops.Run(() => ProducerAndConsumerAsync()), "1,2,3,4,5,6,7,8,9,10 joined");

        public static string? Lock() => Loops.Expect(Loops.Run(() => ThreeHoldersAsync()), "3 held it, at most 1 at a time");

        public static string? Gather() => Loops.Expect(Loops.Run(() => GatherTwoAsync()), "7 seven");

        /// <summary>One frame per <c>yield return null</c>: a body that yields three times is done on the
        /// fourth RunOnce; Dispose cancels a coroutine still suspended and runs its finally.</summary>
        public static string? PumpedLoop()
        {
            var log = new List<string>();
            var loop = new EventLoop();
            Future<int> counted = loop.Start(() => CountFramesAsync(3));
            Future? forever = null;
            loop.Start(() => forever = WaitForeverAsync(log, CancellationToken.None));
            int pumps = 0;
            while (!counted.IsDone && pumps < 100)
            {
                loop.RunOnce();
                pumps++;
            }

            loop.Dispose();
            string? failure = Loops.Expect(counted, 3);
            if (failure is not null)
            {
                return failure;
            }

            if (pumps != 4)
            {
                return $"three yields of null took {pumps} RunOnce calls, expected 4 (one frame each)";
            }

            if (forever is null || !forever.IsCanceled || !log.Contains("finally on the loop"))
            {
                return $"Dispose did not cancel the suspended coroutine and run its finally on the loop: [{string.Join(", ", log)}]";
            }

            return null;
        }

        /// <summary>Under virtual time a pump that finds nothing ready jumps the clock to the next
        /// deadline: a one-hour Sleep ends within a few RunOnce calls, and the loop's clock reads an
        /// hour later.</summary>
        public static string? VirtualTime()
        {
            using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
            DateTimeOffset start = loop.TimeProvider.GetUtcNow();
            Future slept = loop.Start(() => Coroutine.Sleep(TimeSpan.FromHours(1)));
            int pumps = 0;
            while (!slept.IsDone && pumps < 10)
            {
                loop.RunOnce();
                pumps++;
            }

            TimeSpan elapsed = loop.TimeProvider.GetUtcNow() - start;
            return Loops.Failure(slept) is { } failure ? "the sleep " + failure + $" after {pumps} RunOnce calls"
                : elapsed < TimeSpan.FromHours(1) ? $"the loop's clock moved {elapsed}, less than the hour slept"
                : null;
        }

        [Coroutine]
        private static partial IEnumerable<Future> WaitForever(List<string> log, CancellationToken token)
        {
            int loop = Loops.ThreadId;
            log.Add(Loops.OffTheLoop(loop) ?? "started on the loop");
            try
            {
                yield return new Future(); // nobody completes it
                log.Add("resumed");
            }
            finally
            {
                log.Add(Loops.OffTheLoop(loop) ?? "finally on the loop");
            }
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<Future> GroupOfThree()
        {
            using var group = new CoroutineGroup();
            Future<int>[] children = { group.Add(YieldChecks.LaterAsync(1)), group.Add(YieldChecks.LaterAsync(2)), group.Add(YieldChecks.LaterAsync(3)) };
            yield return group;
            yield return Coroutine.Return(children.Sum(c => c.Result));
        }

        [Coroutine(ResultType = "string")]
        private static partial IEnumerable<Future> GroupWithFailure(List<string> log)
        {
            using var group = new CoroutineGroup();
            Future stuck = group.Add(WaitForeverAsync(log, CancellationToken.None));
            group.Add(FailAsync());
            Future settled = group.Settled();
            yield return settled;
            if (!stuck.IsCanceled)
            {
                yield return Coroutine.Return("the group did not cancel the other child");
            }

            yield return Coroutine.Return(group.IsFaulted ? "group faulted with: " + group.Exception!.Message : "the group did not fault");
        }

        [Coroutine]
        private static partial IEnumerable<Future?> Fail()
        {
            yield return null;
            throw new InvalidOperationException("child failed");
        }

        [Coroutine(ResultType = "string")]
        private static partial IEnumerable<Future> ProducerAndConsumer()
        {
            var queue = new FutureQueue<int>(maxSize: 2);
            var got = new List<int>();
            Future producer = ProduceAsync(queue, 10);
            Future consumer = ConsumeAsync(queue, 10, got);
            yield return Future.All(producer, consumer);
            Future joined = queue.Join();
            yield return joined;
            yield return Coroutine.Return(string.Join(",", got) + " joined");
        }

        [Coroutine]
        private static partial IEnumerable<Future> Produce(FutureQueue<int> queue, int count)
        {
            for (int i = 1; i <= count; i++)
            {
                yield return queue.Put(i); // waits while the queue holds two
            }
        }

        [Coroutine]
        private static partial IEnumerable<Future> Consume(FutureQueue<int> queue, int count, List<int> got)
        {
            for (int i = 0; i < count; i++)
            {
                Future<int> item = queue.Get();
                yield return item;
                got.Add(item.Result);
                queue.TaskDone();
            }
        }

        [Coroutine(ResultType = "string")]
        private static partial IEnumerable<Future> ThreeHolders()
        {
            var gate = new FutureLock();
            var state = new int[3]; // inside now, most inside at once, how many held it
            yield return Future.All(HoldAsync(gate, state), HoldAsync(gate, state), HoldAsync(gate, state));
            yield return Coroutine.Return($"{state[2]} held it, at most {state[1]} at a time");
        }

        [Coroutine]
        private static partial IEnumerable<Future?> Hold(FutureLock gate, int[] state)
        {
            Future<IDisposable> acquired = gate.Acquire();
            yield return acquired;
            using (acquired.Result)
            {
                state[0]++;
                state[1] = Math.Max(state[1], state[0]);
                state[2]++;
                yield return null; // the others wait meanwhile
                yield return null;
                state[0]--;
            }
        }

        [Coroutine(ResultType = "string")]
        private static partial IEnumerable<Future> GatherTwo()
        {
            Future<(int, string)> both = Future.Gather(YieldChecks.LaterAsync(7), LaterTextAsync("seven"));
            yield return both;
            (int number, string text) = both.Result;
            yield return Coroutine.Return(number + " " + text);
        }

        [Coroutine(ResultType = "string")]
        private static partial IEnumerable<Future?> LaterText(string text)
        {
            yield return null;
            yield return Coroutine.Return(text);
        }

        [Coroutine(ResultType = "int")]
        private static partial IEnumerable<Future?> CountFrames(int frames)
        {
            int count = 0;
            for (int i = 0; i < frames; i++)
            {
                yield return null; // one frame
                count++;
            }

            yield return Coroutine.Return(count);
        }
    }
}
