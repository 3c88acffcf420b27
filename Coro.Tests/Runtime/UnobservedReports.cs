namespace Coro.Tests.Runtime;

/// <summary>
/// Whether a failure reached <see cref="Future.UnobservedException"/> once its future became garbage.
/// "Not reported" means something only if the future was collected and its finalizer had its chance,
/// so the collection is proven (the weak reference is dead) before the answer is given.
/// </summary>
internal static class UnobservedReports
{
    /// <param name="failure">The exception to look for.</param>
    /// <param name="makeGarbage">Makes the faulted future, drops it, and returns a weak reference to it.
    /// Call a <c>NoInlining</c> method so that no local of the test keeps the future alive.</param>
    public static bool IsReported(Exception failure, Func<WeakReference> makeGarbage)
    {
        bool reported = false;
        void Handler(object? sender, UnobservedFutureExceptionEventArgs args) => reported |= ReferenceEquals(args.Exception, failure);
        Future.UnobservedException += Handler;
        try
        {
            WeakReference faulted = makeGarbage();
            for (int i = 0; i < 10 && faulted.IsAlive; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.False(faulted.IsAlive, "the faulted future was not collected, so nothing can be said about reports");

            // Its exception holder became garbage with it; this runs that finalizer if it is still pending.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return reported;
        }
        finally
        {
            Future.UnobservedException -= Handler;
        }
    }
}
