namespace Coro;

/// <summary>
/// A report of the loop's watchdog (<see cref="EventLoopOptions.SlowStep"/>): one callback or one
/// coroutine step held the loop, so every other coroutine on it waited.
/// </summary>
/// <param name="Name">The coroutine (<c>App.Worker</c>: the body's type and method) or, for a
/// plain callback, the type and method of its delegate.</param>
/// <param name="Duration">How long the step has held the loop so far, or in all once it finished.</param>
/// <param name="Finished">False for the report made while the step still runs (from the watchdog's
/// thread), true for the one made on the loop's thread when it ended.</param>
public readonly record struct SlowStep(string Name, TimeSpan Duration, bool Finished);
