namespace Coro;

/// <summary>
/// A simulated run (<see cref="EventLoopOptions.Seed"/>) got stuck: nothing was ready, no timer was
/// pending and no coroutine waited on anything from outside the loop, so nothing could ever happen
/// again. <see cref="Coroutines"/> is the coroutine tree at that moment
/// (<see cref="EventLoop.GetCoroutines"/>); the message shows it as text.
/// </summary>
public sealed class SimulationDeadlockException : Exception
{
    internal SimulationDeadlockException(IReadOnlyList<CoroutineInfo> coroutines)
        : base("The simulated run is deadlocked: nothing is ready, no timer is pending and nothing from outside the loop is awaited. " +
               "What each coroutine waits on:" + Environment.NewLine + CoroutineSnapshot.Describe(coroutines))
    {
        Coroutines = coroutines;
    }

    /// <summary>The coroutines suspended when the run stuck, oldest first, each with the coroutines it waits on.</summary>
    public IReadOnlyList<CoroutineInfo> Coroutines { get; }
}
