using System.Collections;

namespace Coro.Tests.Sync;

/// <summary>
/// Each primitive binds to the thread of its first use on a loop; a call from another thread throws
/// InvalidOperationException that says to post the call, and changes nothing.
/// </summary>
public class ThreadAffinityTests
{
    public static TheoryData<string> Calls() =>
    [
        "FutureEvent.Set", "FutureEvent.Clear", "FutureEvent.Wait",
        "FutureLock.Acquire", "FutureLock.TryAcquire", "FutureLock.Release",
        "FutureSemaphore.Acquire", "FutureSemaphore.TryAcquire", "FutureSemaphore.Release",
        "FutureCondition.Wait", "FutureCondition.Notify", "FutureCondition.NotifyAll",
        "FutureQueue.TryPut", "FutureQueue.Put", "FutureQueue.TryGet", "FutureQueue.Get", "FutureQueue.TaskDone", "FutureQueue.Join",
        "FutureLifoQueue.TryPut", "FutureLifoQueue.Get",
        "FuturePriorityQueue.TryPut", "FuturePriorityQueue.Get",
    ];

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_call_from_another_thread_throws_saying_to_post_it_and_changes_nothing(string call)
    {
        var primitives = new Primitives();
        string? before = null;
        Exception? error = null;

        Virtual.Run(Body);

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains(call, error!.Message);
        Assert.Contains("Post", error.Message);

        IEnumerable Body()
        {
            primitives.Bind(); // first use, on the loop's thread
            before = primitives.State();
            var other = new Thread(() =>
            {
                try
                {
                    primitives.Call(call);
                }
                catch (Exception exception)
                {
                    error = exception;
                }
            });
            other.Start();
            other.Join();
            Assert.Equal(before, primitives.State());
            yield break;
        }
    }

    [Fact]
    public void Use_with_no_loop_running_binds_nothing_and_successive_loops_on_one_thread_share_a_primitive()
    {
        var queue = new FutureQueue<int>();
        queue.TryPut(1); // no loop: binds nothing

        var onAnotherThread = new Thread(() =>
        {
            Virtual.Run(Body); // binds the queue to this thread
            Virtual.Run(Body); // a second loop on the same thread uses it too
        });
        onAnotherThread.Start();
        onAnotherThread.Join();
        Assert.Equal(3, queue.Count);

        var error = Assert.Throws<InvalidOperationException>(() => Virtual.Run(Body)); // a loop on this thread may not
        Assert.Contains("FutureQueue.TryPut", error.Message);
        Assert.Equal(3, queue.Count);

        IEnumerable Body()
        {
            queue.TryPut(2);
            yield break;
        }
    }

    /// <summary>One of each, with a little state to compare before and after.</summary>
    private sealed class Primitives
    {
        private readonly FutureEvent _event = new();
        private readonly FutureLock _lock = new();
        private readonly FutureSemaphore _semaphore = new(2);
        private readonly FutureCondition _condition = new();
        private readonly FutureQueue<int> _queue = new();
        private readonly FutureLifoQueue<int> _lifo = new();
        private readonly FuturePriorityQueue<int, int> _priority = new();

        public void Bind()
        {
            _event.Set();
            _lock.TryAcquire();
            _semaphore.TryAcquire();
            _ = _condition.Wait();
            _queue.TryPut(1);
            _lifo.TryPut(1);
            _priority.TryPut(1, 1);
        }

        public string State() =>
            $"{_event.IsSet} {_lock.IsHeld} {_semaphore.Available} {_semaphore.WaitingCount} {_condition.WaitingCount} " +
            $"{_queue.Count} {_queue.UnfinishedTasks} {_lifo.Count} {_priority.Count}";

        public void Call(string call)
        {
            switch (call)
            {
                case "FutureEvent.Set": _event.Set(); break;
                case "FutureEvent.Clear": _event.Clear(); break;
                case "FutureEvent.Wait": _event.Wait(); break;
                case "FutureLock.Acquire": _lock.Acquire(); break;
                case "FutureLock.TryAcquire": _lock.TryAcquire(); break;
                case "FutureLock.Release": _lock.Release(); break;
                case "FutureSemaphore.Acquire": _semaphore.Acquire(); break;
                case "FutureSemaphore.TryAcquire": _semaphore.TryAcquire(); break;
                case "FutureSemaphore.Release": _semaphore.Release(); break;
                case "FutureCondition.Wait": _condition.Wait(); break;
                case "FutureCondition.Notify": _condition.Notify(); break;
                case "FutureCondition.NotifyAll": _condition.NotifyAll(); break;
                case "FutureQueue.TryPut": _queue.TryPut(2); break;
                case "FutureQueue.Put": _queue.Put(2); break;
                case "FutureQueue.TryGet": _queue.TryGet(out _); break;
                case "FutureQueue.Get": _queue.Get(); break;
                case "FutureQueue.TaskDone": _queue.TaskDone(); break;
                case "FutureQueue.Join": _queue.Join(); break;
                case "FutureLifoQueue.TryPut": _lifo.TryPut(2); break;
                case "FutureLifoQueue.Get": _lifo.Get(); break;
                case "FuturePriorityQueue.TryPut": _priority.TryPut(2, 2); break;
                case "FuturePriorityQueue.Get": _priority.Get(); break;
                default: throw new ArgumentException(call);
            }
        }
    }
}
