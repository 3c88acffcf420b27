namespace Coro.Generators;

/// <summary>The names of the pipeline's steps, so that tests can check what was cached.</summary>
internal static class TrackingNames
{
    /// <summary>Methods marked <c>[Coroutine]</c>, as models (null when there is nothing to emit or report).</summary>
    public const string Coroutines = nameof(Coroutines);

    /// <summary>Methods marked <c>[Coroutine&lt;TResult&gt;]</c>, as models (null when there is nothing to emit or report).</summary>
    public const string GenericCoroutines = nameof(GenericCoroutines);

    /// <summary>The models of both, in one array.</summary>
    public const string AllCoroutines = nameof(AllCoroutines);

    /// <summary>The CORO004 diagnostics the generator reports itself.</summary>
    public const string InvalidCoroutines = nameof(InvalidCoroutines);

    /// <summary>The coroutines grouped by containing type: one per generated file.</summary>
    public const string CoroutineTypes = nameof(CoroutineTypes);
}
