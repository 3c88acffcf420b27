using System;
using System.Collections.Generic;
using Coro;

namespace Reach
{
    /// <summary>
    /// 100 coroutines that <c>yield return null</c> every frame of a pumped loop allocate nothing per
    /// frame once they run (a Unity game does this for every object). Measured with the thread's
    /// allocation counter, which is exact and independent of when the GC runs; the least of a few
    /// rounds counts, since a JIT may allocate on the thread while it recompiles a hot method.
    /// </summary>
    internal static partial class FrameAllocationCheck
    {
        private const int Coroutines = 100;
        private const int WarmUpFrames = 20;
        private const int FramesPerRound = 50;
        private const int Rounds = 5;

        private static object? s_kept;

        public static string? Run()
        {
            CheckTheCounterCounts();
            var stop = new Stop();
            var loop = new EventLoop();
            Future all = loop.Start(() => AllWaitingFramesAsync(stop));
            for (int frame = 0; frame < WarmUpFrames; frame++)
            {
                loop.RunOnce();
            }

            long least = long.MaxValue;
            int steps = 0;
            for (int round = 0; round < Rounds && !all.IsDone; round++)
            {
                steps = 0;
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int frame = 0; frame < FramesPerRound; frame++)
                {
                    steps += loop.RunOnce();
                }

                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            stop.Requested = true;
            for (int frame = 0; frame < 10 && !all.IsDone; frame++)
            {
                loop.RunOnce();
            }

            loop.Dispose();
            if (Loops.Failure(all) is { } failure)
            {
                return "the coroutines " + failure;
            }

            if (steps < Coroutines * FramesPerRound)
            {
                return $"{steps} steps ran in {FramesPerRound} frames, expected at least {Coroutines * FramesPerRound}: the coroutines did not run every frame";
            }

            return least == 0 ? null : $"{least} bytes allocated in {FramesPerRound} frames ({(double)least / FramesPerRound:0.#} per frame), expected 0";
        }

        /// <summary>Skips the check where the counter is missing or does not count (it would pass
        /// without measuring anything).</summary>
        private static void CheckTheCounterCounts()
        {
            long before;
            try
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }
            catch (Exception exception) // a runtime without it throws whatever it throws for a missing API
            {
                throw new SkipException("GC.GetAllocatedBytesForCurrentThread is not available on this runtime: " + exception.GetType().Name);
            }

            s_kept = new byte[4096];
            long counted = GC.GetAllocatedBytesForCurrentThread() - before;
            if (counted < 4096)
            {
                throw new SkipException($"GC.GetAllocatedBytesForCurrentThread counted {counted} bytes for a 4096-byte array: it does not count allocations on this runtime");
            }

            s_kept = null;
        }

        [Coroutine]
        private static partial IEnumerable<Future> AllWaitingFrames(Stop stop)
        {
            var children = new Future[Coroutines];
            for (int i = 0; i < children.Length; i++)
            {
                children[i] = WaitFramesAsync(stop);
            }

            yield return Future.All(children);
        }

        [Coroutine]
        private static partial IEnumerable<Future?> WaitFrames(Stop stop)
        {
            while (!stop.Requested)
            {
                yield return null; // one frame
            }
        }

        private sealed class Stop
        {
            public bool Requested { get; set; }
        }
    }
}
