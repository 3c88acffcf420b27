using System.Collections;

namespace Coro;

/// <summary>A coroutine suspended on a loop, as the loop's list of them sees it.</summary>
internal interface ISuspendedCoroutine
{
    ISuspendedCoroutine? PreviousSuspended { get; set; }

    ISuspendedCoroutine? NextSuspended { get; set; }

    /// <summary>The body, while it is there: what names the coroutine (the watchdog reads it).</summary>
    IEnumerator? Body { get; }

    /// <summary>The closing loop abandons it: cancel it unless it is done, and stop its body.</summary>
    void Close();

    /// <summary>The future it waits on, or null while it runs a step.</summary>
    Future? AwaitedFuture { get; }

    /// <summary>The loop's timestamp of the turn in which it last suspended.</summary>
    long SuspendedAt { get; }
}

/// <summary>
/// The coroutines that have waited on a loop and not finished, so that a closing loop can cancel
/// them (asyncio.run does the same). An intrusive doubly linked list: adding and removing cost a
/// few writes and no allocation. Used only on the loop's thread.
/// </summary>
internal sealed class SuspendedCoroutines : IEnumerable<ISuspendedCoroutine>
{
    private ISuspendedCoroutine? _first;
    private int _count;

    /// <summary>How many are in the list; other threads may read it (the metrics' gauge).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Add(ISuspendedCoroutine coroutine)
    {
        coroutine.PreviousSuspended = null;
        coroutine.NextSuspended = _first;
        if (_first is not null)
        {
            _first.PreviousSuspended = coroutine;
        }

        _first = coroutine;
        _count++;
    }

    public void Remove(ISuspendedCoroutine coroutine)
    {
        ISuspendedCoroutine? previous = coroutine.PreviousSuspended;
        ISuspendedCoroutine? next = coroutine.NextSuspended;
        if (previous is not null)
        {
            previous.NextSuspended = next;
        }
        else if (_first == coroutine)
        {
            _first = next;
        }
        else
        {
            return; // not in the list
        }

        if (next is not null)
        {
            next.PreviousSuspended = previous;
        }

        coroutine.PreviousSuspended = null;
        coroutine.NextSuspended = null;
        _count--;
    }

    /// <summary>The coroutines, newest first. Do not change the list while enumerating it.</summary>
    public IEnumerator<ISuspendedCoroutine> GetEnumerator()
    {
        for (ISuspendedCoroutine? coroutine = _first; coroutine is not null; coroutine = coroutine.NextSuspended)
        {
            yield return coroutine;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public ISuspendedCoroutine? TakeFirst()
    {
        ISuspendedCoroutine? first = _first;
        if (first is not null)
        {
            Remove(first);
        }

        return first;
    }
}
