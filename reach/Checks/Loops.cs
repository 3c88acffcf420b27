using System;
using System.Collections.Generic;
using Coro;

namespace Reach
{
    /// <summary>Runs coroutines to the end and says what became of them.</summary>
    internal static class Loops
    {
        /// <summary>A safety net only: no check waits on real time for its result, but a broken
        /// runtime could leave a loop waiting forever.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        /// <summary>Runs a loop with <paramref name="main"/> until it is done and returns main's
        /// future (its failure, if any, is read from the future, not from the rethrow).</summary>
        public static T Run<T>(Func<T> main)
            where T : Future
        {
            T? future = null;
            try
            {
                EventLoop.Run(() => future = main(), Timeout);
            }
            catch (Exception) when (future is not null && future.IsDone)
            {
                // main failed; the future holds the exception
            }

            return future ?? throw new InvalidOperationException("the loop did not call main");
        }

        /// <summary>Null if <paramref name="future"/> succeeded, else what became of it.</summary>
        public static string? Failure(Future future) =>
            future.IsFaulted ? "faulted with " + future.Exception
            : future.IsCanceled ? "was cancelled"
            : !future.IsDone ? "is still pending after the loop ended"
            : null;

        /// <summary>Null if <paramref name="future"/> succeeded with <paramref name="expected"/>, else why not.</summary>
        public static string? Expect<T>(Future<T> future, T expected) =>
            Failure(future) ?? (EqualityComparer<T>.Default.Equals(future.Result, expected)
                ? null
                : $"finished with {future.Result}, expected {expected}");

        /// <summary>The loop's thread, recorded by a body before it yields, to compare after it resumes.</summary>
        public static string? OffTheLoop(int loopThread) =>
            Environment.CurrentManagedThreadId == loopThread
                ? null
                : $"resumed on thread {Environment.CurrentManagedThreadId}, not on the loop's thread {loopThread}";

        public static int ThreadId => Environment.CurrentManagedThreadId;
    }
}
