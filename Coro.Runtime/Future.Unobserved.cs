namespace Coro;

public partial class Future
{
    /// <summary>
    /// Raised, on the finalizer thread, for a faulted future that was collected without anyone
    /// reading its exception (through <c>Result</c>, <see cref="Exception"/>, a yield or an await):
    /// Tornado's "Future exception was never retrieved". Futures that succeed pay nothing for this.
    /// </summary>
    public static event EventHandler<UnobservedFutureExceptionEventArgs>? UnobservedException;

    internal static void ReportUnobserved(Exception exception)
    {
        if (CoroMetrics.Unobserved.Enabled)
        {
            CoroMetrics.Unobserved.Add(1);
        }

        UnobservedException?.Invoke(null, new UnobservedFutureExceptionEventArgs(exception));
    }
}

/// <summary>The failure of a future that was collected with its exception never read.</summary>
public sealed class UnobservedFutureExceptionEventArgs : EventArgs
{
    internal UnobservedFutureExceptionEventArgs(Exception exception) => Exception = exception;

    /// <summary>The exception nobody observed.</summary>
    public Exception Exception { get; }
}
