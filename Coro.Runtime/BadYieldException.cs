namespace Coro;

/// <summary>
/// A coroutine yielded something the Runner cannot wait for (Tornado's <c>BadYieldError</c>).
/// The analyzer reports it at compile time as CORO001; at run time it faults the coroutine.
/// </summary>
public sealed class BadYieldException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public BadYieldException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BadYieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
