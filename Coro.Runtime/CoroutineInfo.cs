namespace Coro;

/// <summary>
/// One coroutine suspended on an <see cref="EventLoop"/>, as <see cref="EventLoop.GetCoroutines"/>
/// saw it: who it is, what it waits for, and since when. A snapshot: it does not change afterwards.
/// </summary>
public sealed class CoroutineInfo
{
    private readonly List<CoroutineInfo> _awaiting = [];

    internal CoroutineInfo(string name, string waitingOn, TimeSpan suspendedFor)
    {
        Name = name;
        WaitingOn = waitingOn;
        SuspendedFor = suspendedFor;
    }

    /// <summary>The coroutine's body as <c>Type.Method</c> (<c>App.Worker</c>); for
    /// <see cref="Coroutine.Start(System.Collections.IEnumerable)"/>, the iterator method's name.</summary>
    public string Name { get; }

    /// <summary>
    /// What it waits for, in words: <c>Sleep 00:00:05</c>, another coroutine's name
    /// (<c>App.Fetch</c>), <c>Future.All of 3</c>, <c>Future.Any of 2</c>,
    /// <c>WithTimeout 00:00:10 of Task</c>, <c>Settled of App.Fetch</c>, <c>Task</c>,
    /// <c>FutureQueue.Get</c>, <c>FutureQueue.Put</c>, <c>FutureLock.Acquire</c>,
    /// <c>FutureSemaphore.Acquire</c>, <c>FutureEvent.Wait</c>, <c>Moment</c>, or <c>Future</c>
    /// for a plain future.
    /// </summary>
    public string WaitingOn { get; }

    /// <summary>The coroutines it waits on, directly or through <c>All</c>, <c>Any</c>,
    /// <c>WithTimeout</c> and <c>Settled</c>; empty when it waits on something else. Each is also in
    /// the list <see cref="EventLoop.GetCoroutines"/> returned.</summary>
    public IReadOnlyList<CoroutineInfo> Awaiting => _awaiting;

    /// <summary>How long it has waited, on the loop's clock (measured from the start of the loop
    /// turn in which it suspended).</summary>
    public TimeSpan SuspendedFor { get; }

    internal void AddAwaiting(CoroutineInfo coroutine) => _awaiting.Add(coroutine);

    /// <summary>One line: name, what it waits on, and for how long.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}: waiting on {WaitingOn} for {SuspendedFor.TotalSeconds:0.000} s");
}
