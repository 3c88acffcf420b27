namespace Coro;

/// <summary>The result type behind a plain <see cref="Future"/> returned by a coroutine or a helper:
/// one generic implementation serves both <c>[Coroutine]</c> and <c>[Coroutine&lt;T&gt;]</c>.</summary>
internal readonly struct NoResult
{
}
