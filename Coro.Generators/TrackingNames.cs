namespace Coro.Generators;

/// <summary>The names of the pipeline's steps, so that tests can check what was cached.</summary>
internal static class TrackingNames
{
    /// <summary>Methods with attributes, as models of those marked <c>[Coroutine]</c> or
    /// <c>[Coroutine&lt;TResult&gt;]</c> (null when there is nothing to emit or report).</summary>
    public const string Coroutines = nameof(Coroutines);

    /// <summary>The models, collected into one array.</summary>
    public const string AllCoroutines = nameof(AllCoroutines);

    /// <summary>The CORO004 diagnostics the generator reports itself.</summary>
    public const string InvalidCoroutines = nameof(InvalidCoroutines);

    /// <summary>The coroutines grouped by containing type: one per generated file.</summary>
    public const string CoroutineTypes = nameof(CoroutineTypes);
}
