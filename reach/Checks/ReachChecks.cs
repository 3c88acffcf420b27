using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Coro;

namespace Reach
{
    /// <summary>
    /// Runs every reach check in order and prints one line per check (PASS, FAIL with the reason,
    /// or SKIP with why), then a summary line. The exit code is 0 only if no check failed.
    /// </summary>
    /// <remarks>
    /// The code here is in namespace <c>Reach</c>, not <c>Coro.*</c>, on purpose: the failure-chain
    /// check tells Coro's own frames from the user's by the namespace a stack frame starts with.
    /// </remarks>
    public static class ReachChecks
    {
        /// <summary>The checks, in the order they run. Registration-dependent checks come after the
        /// [Coroutine] bodies that yield the same types (a <c>ValueTask&lt;int&gt;</c> is "registered"
        /// by the generator because a body yields one; see docs/reach.md).</summary>
        private static readonly Check[] s_checks =
        {
            new Check("yield Future", YieldChecks.Future),
            new Check("yield Future<T>", YieldChecks.FutureOfT),
            new Check("yield null and Coroutine.Moment", YieldChecks.NullAndMoment),
            new Check("yield Task (IEnumerable<object> body)", YieldChecks.Task),
            new Check("yield Task<T> (IEnumerable<object> body)", YieldChecks.TaskOfT),
            new Check("yield ValueTask (IEnumerable<object> body)", YieldChecks.ValueTask),
            new Check("yield ValueTask<T> (IEnumerable<object> body)", YieldChecks.ValueTaskOfT),
            new Check("yield Future[] (IEnumerable<object> body)", YieldChecks.FutureArray),
            new Check("yield IEnumerable<Future> (IEnumerable<object> body)", YieldChecks.FutureSequence),
            new Check("yield Task[] (IEnumerable<object> body)", YieldChecks.TaskArray),
            new Check("yield Dictionary<string, Future<int>> (IEnumerable<object> body)", YieldChecks.Dictionary),
            new Check("yield Dictionary<int, Future> (IEnumerable<object> body)", YieldChecks.DictionaryOfFuture),
            new Check("yield Coroutine.Return", YieldChecks.Return),
            new Check("Coroutine.Start: boxed ValueTask<int> (a registered T)", StartChecks.RegisteredValueTask),
            new Check("Coroutine.Start: Dictionary<string, Future<int>> typed object", StartChecks.Dictionary),
            new Check("Coroutine.Start: boxed ValueTask<T> of an unregistered T is a BadYieldException", StartChecks.UnregisteredValueTask),
            new Check("Coroutine.Start: new object() is a BadYieldException", StartChecks.PlainObject),
            new Check("failure chain Main -> All(Worker) -> Fetch", ChainCheck.Run),
            new Check("cancellation by a token cancelled from a timer thread", FeatureChecks.CancelledByTimerThread),
            new Check("CoroutineGroup: every child done", FeatureChecks.GroupAllDone),
            new Check("CoroutineGroup: a failure cancels the others", FeatureChecks.GroupFailure),
            new Check("FutureQueue<T> producer and consumer", FeatureChecks.Queue),
            new Check("FutureLock", FeatureChecks.Lock),
            new Check("Future.Gather", FeatureChecks.Gather),
            new Check("pumped loop: new EventLoop, Start, RunOnce, Dispose", FeatureChecks.PumpedLoop),
            new Check("virtual time: a one-hour Sleep", FeatureChecks.VirtualTime),
            new Check("0 bytes per frame: 100 coroutines yielding null", FrameAllocationCheck.Run),
        };

        /// <summary>Runs the checks whose names contain any of <paramref name="args"/> (all if none).</summary>
        /// <returns>The exit code: 0 if no check failed, 1 otherwise.</returns>
        public static int Run(TextWriter output, string[] args)
        {
            if (output is null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            output.WriteLine($"Reach checks on {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}), "
                + $"Coro.Runtime built for {RuntimeBuild()}, dynamic code {(RuntimeFeature.IsDynamicCodeSupported ? "supported" : "not supported")}");
            int passed = 0, skipped = 0;
            var failed = new List<string>();
            foreach (Check check in s_checks)
            {
                if (args is { Length: > 0 } && Array.TrueForAll(args, a => check.Name.IndexOf(a, StringComparison.OrdinalIgnoreCase) < 0))
                {
                    continue;
                }

                Outcome outcome = check.Run();
                output.WriteLine($"{outcome.Word,-4}  {check.Name}{(outcome.Reason is null ? string.Empty : ": " + Indent(outcome.Reason))}");
                output.Flush();
                switch (outcome.Word)
                {
                    case Outcome.Pass: passed++; break;
                    case Outcome.Skip: skipped++; break;
                    default: failed.Add(check.Name); break;
                }
            }

            if (failed.Count > 0)
            {
                output.WriteLine("Failed: " + string.Join("; ", failed));
            }

            output.WriteLine($"Reach: {passed} passed, {failed.Count} failed{(skipped > 0 ? $", {skipped} skipped" : string.Empty)}");
            output.Flush();
            return failed.Count == 0 ? 0 : 1;
        }

        private static string Indent(string text) => text.Replace("\n", "\n      ");

        private static string RuntimeBuild() =>
            typeof(Future).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? "(unknown framework)";
    }
}
