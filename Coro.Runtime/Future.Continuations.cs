namespace Coro;

public partial class Future
{
    private static readonly object s_completedSentinel = new();

    /// <summary>
    /// Registers what runs when this future completes: a dependent <see cref="Future"/> (its
    /// <see cref="OnDependencyDone"/> is called), an <see cref="Action{Future}"/>, an await's
    /// <see cref="ContextContinuation"/> or an <see cref="Action"/>.
    /// </summary>
    /// <returns>False if the future is already done; the caller then acts on it itself.</returns>
    internal bool TryAddContinuation(object continuation)
    {
        // Every waiter registers here, so this is where a group learns it is waited on (and may
        // complete at once, before the check below). A sealed-type test: one compare, no virtual call.
        if (this is CoroutineGroup group)
        {
            group.OnWaitedOn();
        }

        // A done future takes no more continuations (one made done never got the sentinel). A
        // completion racing with this call is safe: RunContinuations swaps the slot out after the
        // final state is written, so what lands in the slot before the swap still runs.
        if (IsDone)
        {
            return false;
        }

        // The first waiter takes the empty slot with one CompareExchange and no allocation; that is
        // the Runner's case, so the common wait costs nothing beyond the future itself.
        return Interlocked.CompareExchange(ref _continuation, continuation, null) is null
            || TryAddContinuationSlow(continuation);
    }

    private bool TryAddContinuationSlow(object continuation)
    {
        while (true)
        {
            object? current = Volatile.Read(ref _continuation);
            if (current == s_completedSentinel)
            {
                return false;
            }

            if (current is null)
            {
                if (Interlocked.CompareExchange(ref _continuation, continuation, null) is null)
                {
                    return true;
                }

                continue;
            }

            if (current is not ContinuationList list)
            {
                list = new ContinuationList(current);
                if (Interlocked.CompareExchange(ref _continuation, list, current) != current)
                {
                    continue;
                }
            }

            // RunContinuations swaps the list out before it locks it, so a list still in the slot
            // under our lock has not been read yet.
            lock (list)
            {
                if (Volatile.Read(ref _continuation) == list)
                {
                    list.Add(continuation);
                    return true;
                }
            }
        }
    }

    /// <summary>Takes back a continuation that is no longer wanted (a cancelled coroutine's, the
    /// losers' of <see cref="Any(Future[])"/>), so a long-lived future neither keeps it alive nor
    /// keeps a slot for it: a list holds only the waiters still waiting.</summary>
    internal void RemoveContinuation(object continuation)
    {
        object? current = Volatile.Read(ref _continuation);
        if (current == continuation)
        {
            Interlocked.CompareExchange(ref _continuation, null, continuation);
        }
        else if (current is ContinuationList list)
        {
            lock (list)
            {
                list.Remove(continuation);
            }
        }
    }

    /// <summary>How many continuation slots the future holds (a removed waiter's slot counts until
    /// it is reclaimed).</summary>
    internal int ContinuationCount => Volatile.Read(ref _continuation) switch
    {
        null => 0,
        ContinuationList list => list.Count,
        object other when other == s_completedSentinel => 0,
        _ => 1,
    };

    private void RunContinuations()
    {
        object? continuation = Interlocked.Exchange(ref _continuation, s_completedSentinel);
        if (continuation is null)
        {
            return;
        }

        if (continuation is not ContinuationList list)
        {
            Invoke(continuation);
            return;
        }

        object[] all;
        lock (list)
        {
            all = list.ToArray();
        }

        // One failing callback must not stop the others; what they throw surfaces afterwards.
        var failures = default(Failures);
        foreach (object item in all)
        {
            try
            {
                Invoke(item);
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }

        failures.ThrowIfAny("Callbacks of a completed future threw.");
    }

    private void Invoke(object continuation)
    {
        switch (continuation)
        {
            case Future dependent:
                dependent.OnDependencyDone(this);
                break;
            case Action<Future> callback:
                callback(this);
                break;
            case ContextContinuation posted:
                posted.Post();
                break;
            default:
                ((Action)continuation)();
                break;
        }
    }

    private sealed class ContinuationList : List<object>
    {
        public ContinuationList(object first)
            : base(4)
        {
            Add(first);
        }
    }
}
