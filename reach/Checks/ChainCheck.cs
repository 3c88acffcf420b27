using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coro;

namespace Reach
{
    /// <summary>
    /// A failure three coroutines deep: Main yields <c>Future.All</c> of two Workers, each Worker
    /// yields its Fetch, and Fetch 1 throws after one loop turn. The exception's stack trace must name
    /// Fetch, Worker and Main in that order, with at most one line of Coro's own machinery per level.
    /// </summary>
    /// <remarks>
    /// <para>The loop is pumped and the exception read from Main's future, so no rethrow by
    /// <c>EventLoop.Run</c> adds frames: every frame in the trace is the throw in Fetch or the
    /// chain's own.</para>
    /// <para>How lines are counted (docs/reach.md): a <b>frame</b> is a line that starts with
    /// <c>at </c>. A frame <b>names</b> a coroutine if it holds <c>Chain.Fetch</c>, <c>Chain+&lt;Fetch&gt;</c>
    /// (Mono's iterator) or <c>Chain.&lt;Fetch&gt;</c> (NativeAOT's), and likewise for Worker and Main.
    /// A frame that names none of them is <b>Coro's machinery</b> if what follows <c>at </c> starts
    /// with <c>Coro.</c> (a method of Coro's namespaces: Coro.Runner, Coro.FailureChain,
    /// Coro.CompilerServices, ...; this code is in namespace Reach) or with <c>(wrapper </c> (Mono's
    /// dynamic-method, delegate-invoke, ... frames). BCL frames and the
    /// "--- End of stack trace ---" separators are shown but not counted.</para>
    /// </remarks>
    internal static partial class ChainCheck
    {
        private const int Levels = 3;

        private static readonly string[] s_names = { "Fetch", "Worker", "Main" };

        public static string? Run()
        {
            Future? main = null;
            using (var loop = new EventLoop())
            {
                loop.Start(() => main = Chain.MainAsync());
                for (int turn = 0; turn < 100 && main?.IsDone != true; turn++)
                {
                    loop.RunOnce();
                }
            }

            if (main is null || !main.IsFaulted)
            {
                return "expected Main to fault, but it " + (main is null ? "never started" : Loops.Failure(main) ?? "succeeded");
            }

            Exception exception = main.Exception!;
            if (exception is not InvalidOperationException || exception.Message != "fetch 1 failed")
            {
                return "expected Fetch's InvalidOperationException (\"fetch 1 failed\"), got " + exception;
            }

            string[] lines = (exception.StackTrace ?? string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            var problems = new List<string>();
            int at = -1;
            foreach (string name in s_names)
            {
                int found = Array.FindIndex(lines, at + 1, l => IsFrame(l) && Names(l, name));
                if (found < 0)
                {
                    problems.Add($"no frame names Chain.{name}" + (at >= 0 ? $" after line {at + 1}" : string.Empty));
                    break;
                }

                at = found;
            }

            int machinery = lines.Count(IsMachinery);
            Console.WriteLine($"      (the chain's trace: {lines.Count(IsFrame)} frames, {machinery} of them Coro's machinery, for {Levels} coroutine levels)");
            if (machinery > Levels)
            {
                problems.Add($"{machinery} lines of Coro's machinery for {Levels} coroutine levels (at most {Levels}: one per level)");
            }

            return problems.Count == 0 ? null : string.Join("; ", problems) + "\n" + Annotated(lines);
        }

        private static bool IsFrame(string line) => line.TrimStart().StartsWith("at ", StringComparison.Ordinal);

        private static bool Names(string line, string method) =>
            line.IndexOf("Chain." + method, StringComparison.Ordinal) >= 0
            || line.IndexOf("Chain+<" + method + ">", StringComparison.Ordinal) >= 0
            || line.IndexOf("Chain.<" + method + ">", StringComparison.Ordinal) >= 0;

        private static bool IsMachinery(string line)
        {
            if (!IsFrame(line) || s_names.Any(n => Names(line, n)))
            {
                return false;
            }

            string frame = line.TrimStart().Substring("at ".Length);
            return frame.StartsWith("Coro.", StringComparison.Ordinal) || frame.StartsWith("(wrapper ", StringComparison.Ordinal);
        }

        /// <summary>The trace with each line marked: "name" names a coroutine of the chain, "CORO" is
        /// counted as Coro's machinery.</summary>
        private static string Annotated(string[] lines)
        {
            var text = new StringBuilder("stack trace (name: names a coroutine; CORO: counted as Coro's machinery):");
            foreach (string line in lines)
            {
                string mark = IsFrame(line) && s_names.Any(n => Names(line, n)) ? "name" : IsMachinery(line) ? "CORO" : string.Empty;
                text.Append('\n').Append(mark.PadRight(4)).Append(" | ").Append(line);
            }

            return text.ToString();
        }
    }

    /// <summary>The three coroutines of the chain (top level, so frames read <c>Reach.Chain.Worker</c>).</summary>
    internal static partial class Chain
    {
        [Coroutine(ResultType = "int")]
        public static partial IEnumerable<Future?> Fetch(int id)
        {
            yield return null; // suspended once: the failure leaves from a step the Runner runs
            if (id == 1)
            {
                throw new InvalidOperationException("fetch " + id + " failed");
            }

            yield return Coroutine.Return(id);
        }

        [Coroutine(ResultType = "int")]
        public static partial IEnumerable<Future> Worker(int id)
        {
            Future<int> page = FetchAsync(id);
            yield return page;
            yield return Coroutine.Return(page.Result);
        }

        [Coroutine]
        public static partial IEnumerable<Future> Main()
        {
            yield return Future.All(WorkerAsync(1), WorkerAsync(2));
        }
    }
}
