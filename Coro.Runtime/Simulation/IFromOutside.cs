namespace Coro;

/// <summary>A future that something outside the loop completes (a task, on the thread pool): a
/// simulated run waiting on one is waiting, not deadlocked.</summary>
internal interface IFromOutside
{
}
