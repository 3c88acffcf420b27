namespace Coro;

/// <summary>
/// A simulated loop's ready work, kept as chains that must each stay in order, from which the
/// schedule picks which chain's first item runs next. The chains are the rule of what a seed may
/// reorder (docs/simulation.md):
/// <list type="bullet">
/// <item>each coroutine is its own chain: its resumes run in the order queued, while which of two
/// coroutines resumes first is free;</item>
/// <item>each due timer is its own chain: timers due at the same instant fire in any order, but none
/// before its deadline (a timer reaches the loop only once due);</item>
/// <item>every other callback (a <see cref="EventLoop.Post"/>, a future's callback posted to the loop,
/// an <c>await</c>'s continuation) is in one shared chain, first in first out, so per-thread post
/// order and a future's callbacks in registration order hold under every seed;</item>
/// <item>whatever other threads posted (a coroutine's resume included) is one more chain, first in
/// first out: what one thread did in order (cancel a child, then end its group) reaches the loop in
/// that order.</item>
/// </list>
/// Whatever an item queues reaches the chains only after it ran, so an order that follows from cause
/// and effect (a group's children end before its waiter resumes) holds too. Used only on the loop's
/// thread.
/// </summary>
internal sealed class ReadyChains
{
    private readonly Chain _callbacks = new(null);
    private readonly Chain _fromOutside = new(null);
    private readonly Dictionary<object, Chain> _byKey = new(ReferenceEqualityComparer.Instance);
    private readonly List<Chain> _nonEmpty = []; // the order is a function of the run: a seed's choices index it

    /// <summary>How many chains have work: the choices the schedule has.</summary>
    public int Choices => _nonEmpty.Count;

    public void Add(EventLoop.WorkItem item, bool fromOutside)
    {
        Chain chain = fromOutside ? _fromOutside : KeyOf(item) is { } key ? ChainOf(key) : _callbacks;
        if (chain.Items.Count == 0)
        {
            _nonEmpty.Add(chain);
        }

        chain.Items.Enqueue(item);
    }

    /// <summary>Takes the first item of the chain at <paramref name="choice"/> (0 to <see cref="Choices"/> - 1).</summary>
    public EventLoop.WorkItem Take(int choice)
    {
        Chain chain = _nonEmpty[choice];
        EventLoop.WorkItem item = chain.Items.Dequeue();
        if (chain.Items.Count == 0)
        {
            // Swap with the last: the next choices index a list that depends only on the run so far.
            _nonEmpty[choice] = _nonEmpty[^1];
            _nonEmpty.RemoveAt(_nonEmpty.Count - 1);
            if (chain.Key is not null)
            {
                _byKey.Remove(chain.Key);
            }
        }

        return item;
    }

    /// <summary>A coroutine's resume belongs to the coroutine, a due timer to itself, and anything
    /// else (null) to the shared chain of callbacks.</summary>
    private static object? KeyOf(EventLoop.WorkItem item) =>
        item.State switch
        {
            ISuspendedCoroutine coroutine => coroutine,
            TimerHandle timer when item.Callback == (Delegate)TimerHandle.Fire => timer,
            _ => null,
        };

    private Chain ChainOf(object key)
    {
        if (!_byKey.TryGetValue(key, out Chain? chain))
        {
            chain = new Chain(key);
            _byKey.Add(key, chain);
        }

        return chain;
    }

    private sealed class Chain(object? key)
    {
        public object? Key => key;

        public Queue<EventLoop.WorkItem> Items { get; } = new();
    }
}
