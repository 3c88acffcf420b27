namespace Coro;

public partial class Future
{
    /// <summary>
    /// A future that succeeds once every one of <paramref name="futures"/> has succeeded (Tornado's
    /// <c>multi</c>; yielding an array of futures does the same). The first to fault or be cancelled
    /// ends it at once with that outcome; failures after it count as observed. With no futures, it
    /// is done at once. Cancelling it cancels them all.
    /// </summary>
    public static Future All(params Future[] futures) => new AllFuture<NoResult>(Snapshot(futures));

    /// <inheritdoc cref="All(Future[])"/>
    /// <remarks>The sequence is enumerated exactly once.</remarks>
    public static Future All(IEnumerable<Future> futures) => new AllFuture<NoResult>(Snapshot(futures));

    /// <summary>
    /// A future whose result is every result of <paramref name="futures"/>, in argument order. See
    /// <see cref="All(Future[])"/> for failures and cancellation.
    /// </summary>
    public static Future<T[]> All<T>(params Future<T>[] futures) => new AllFuture<T>(Snapshot(futures));

    /// <inheritdoc cref="All{T}(Future{T}[])"/>
    /// <remarks>The sequence is enumerated exactly once.</remarks>
    public static Future<T[]> All<T>(IEnumerable<Future<T>> futures) => new AllFuture<T>(Snapshot(futures));

    /// <summary>
    /// A future whose result holds the result of each of <paramref name="futures"/> under its key
    /// (Tornado's <c>multi</c> of a dict, co's yield of an object):
    /// <code>Future&lt;Dictionary&lt;string, int&gt;&gt; counts = Future.All(new Dictionary&lt;string, Future&lt;int&gt;&gt; { ["a"] = a, ["b"] = b });
    /// yield return counts; // counts.Result["a"] is a.Result</code>
    /// The result has the same keys and uses the comparer of a
    /// <see cref="Dictionary{TKey, TValue}"/>. It is <see cref="All(Future[])"/> of the values in every
    /// other way: the first to fault or be cancelled ends it at once, failures after it count as
    /// observed, an empty dictionary gives an empty result at once, and cancelling it cancels them all.
    /// A body may also yield such a dictionary itself, which waits for the same.
    /// </summary>
    /// <remarks>The dictionary is enumerated exactly once.</remarks>
    public static Future<Dictionary<TKey, T>> All<TKey, T>(IReadOnlyDictionary<TKey, Future<T>> futures)
        where TKey : notnull => DictionaryAll.Of(futures);

    /// <summary>
    /// A future that succeeds once every future in <paramref name="futures"/> has succeeded: the
    /// dictionary form of <see cref="All(Future[])"/> for futures without a result (or of several
    /// result types), with the same failures and cancellation.
    /// </summary>
    /// <remarks>The dictionary is enumerated exactly once.</remarks>
    public static Future All<TKey>(IReadOnlyDictionary<TKey, Future> futures) => DictionaryAll.Of(futures);

    /// <summary>
    /// Waits for every future of the array, as <see cref="All(Future[])"/> does, so that a body typed
    /// <c>IEnumerable&lt;Future&gt;</c> can yield an array: <c>yield return new[] { a, b };</c> (also a
    /// <c>Future&lt;T&gt;[]</c>). Read each result from its own future after the yield.
    /// </summary>
    public static implicit operator Future(Future[] futures) => All(futures);

    /// <summary>
    /// A future whose result is the first of <paramref name="futures"/> to complete, however it
    /// completed (like <see cref="Task.WhenAny(Task[])"/>). The others go on; cancelling the
    /// returned future cancels them all.
    /// </summary>
    /// <exception cref="ArgumentException">No futures were given.</exception>
    public static Future<Future> Any(params Future[] futures) => new AnyFuture<Future>(NonEmpty(Snapshot(futures)));

    /// <inheritdoc cref="Any(Future[])"/>
    public static Future<Future> Any(IEnumerable<Future> futures) => new AnyFuture<Future>(NonEmpty(Snapshot(futures)));

    /// <inheritdoc cref="Any(Future[])"/>
    public static Future<Future<T>> Any<T>(params Future<T>[] futures) => new AnyFuture<Future<T>>(NonEmpty(Snapshot(futures)));

    /// <inheritdoc cref="Any(Future[])"/>
    public static Future<Future<T>> Any<T>(IEnumerable<Future<T>> futures) => new AnyFuture<Future<T>>(NonEmpty(Snapshot(futures)));

    /// <summary>
    /// The futures in the order they complete (Tornado's <c>WaitIterator</c>): the n-th element
    /// completes as the n-th of <paramref name="futures"/> to complete did. Those already done come
    /// first, in argument order. Inside a coroutine:
    /// <code>foreach (Future next in Future.AsCompleted(futures)) { yield return next; ... }</code>
    /// </summary>
    public static IReadOnlyList<Future> AsCompleted(IEnumerable<Future> futures) => CompletionOrder.Of<NoResult>(Snapshot(futures));

    /// <inheritdoc cref="AsCompleted(IEnumerable{Future})"/>
    public static IReadOnlyList<Future<T>> AsCompleted<T>(IEnumerable<Future<T>> futures) => CompletionOrder.Of<T>(Snapshot(futures));

    /// <summary>
    /// A future that completes as this one does, unless <paramref name="timeout"/> passes first:
    /// then it faults with <see cref="TimeoutException"/> and this future is cancelled. Needs the
    /// current thread's loop for the timer.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="EventLoop"/> runs on this thread.</exception>
    public Future WithTimeout(TimeSpan timeout) => IsDone ? this : new TimeoutFuture<NoResult>(this, timeout, LoopForTimer());

    /// <summary>
    /// A future that succeeds when this one completes, however it completes. Yield it to handle a
    /// failure inside a coroutine, then look at <see cref="IsFaulted"/> and <see cref="Exception"/>
    /// (reading a <c>Result</c> in a try/catch works too):
    /// <code>yield return page.Settled(); if (page.IsFaulted) Log(page.Exception);</code>
    /// Cancelling it cancels this future.
    /// </summary>
    public Future Settled() => IsDone ? Completed : new SettledFuture(this);

    private protected static EventLoop LoopForTimer() => EventLoop.Current ?? throw new InvalidOperationException(
        "WithTimeout needs an EventLoop on this thread for its timer; call it from a coroutine that runs inside EventLoop.Run.");

    /// <summary>The futures copied once (a lazy sequence is enumerated exactly once), none null.</summary>
    private static TFuture[] Snapshot<TFuture>(IEnumerable<TFuture> futures)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        TFuture[] snapshot = [.. futures];
        if (Array.IndexOf(snapshot, null) >= 0)
        {
            throw new ArgumentException("The sequence of futures holds a null.", nameof(futures));
        }

        return snapshot;
    }

    private static T[] NonEmpty<T>(T[] futures) =>
        futures.Length != 0 ? futures : throw new ArgumentException("Any needs at least one future.", nameof(futures));
}

public partial class Future<T>
{
    /// <inheritdoc cref="Future.WithTimeout"/>
    public new Future<T> WithTimeout(TimeSpan timeout) => IsDone ? this : new TimeoutFuture<T>(this, timeout, LoopForTimer());
}
