using System.Runtime.CompilerServices;

namespace Coro;

/// <summary>
/// The thread a lock, semaphore, event, condition or queue belongs to: the thread of its first use
/// while an event loop runs there (successive loops on that thread share the primitive; use with no
/// loop running binds nothing). A call from any other thread throws instead of corrupting the
/// primitive, whose lines and counts take no lock. On the hot path the check is one compare.
/// </summary>
internal struct LoopAffinity
{
    private int _threadId; // 0 until bound: managed thread ids start at 1

    /// <summary>Throws unless the caller is on the primitive's thread (binding it at first use on a loop).</summary>
    /// <param name="member">What was called, as the user wrote it (for example "FutureQueue.TryPut").</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Check(string member)
    {
        if (_threadId != Environment.CurrentManagedThreadId)
        {
            BindOrThrow(member);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BindOrThrow(string member)
    {
        int current = Environment.CurrentManagedThreadId;
        if (_threadId == 0)
        {
            if (EventLoop.Current is not null)
            {
                _threadId = current;
            }

            return;
        }

        throw new InvalidOperationException(
            $"{member} was called on thread {current}, but this primitive belongs to the event loop on thread {_threadId}: " +
            "Coro's locks, semaphores, events, conditions and queues take no locks and are used on their loop's thread only. " +
            "From another thread, post the call to that loop: loop.Post(() => ...).");
    }
}
