namespace Coro;

/// <summary>
/// Marks a partial iterator method as the body of a coroutine with no result. The source
/// generator adds <c>&lt;Name&gt;Async</c>, which starts the body and returns its <see cref="Future"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CoroutineAttribute : Attribute
{
}

/// <summary>
/// Marks a partial iterator method as the body of a coroutine that finishes with
/// <c>yield return Coroutine.Return(value)</c>. The generated <c>&lt;Name&gt;Async</c> returns a
/// <see cref="Future{TResult}"/>.
/// </summary>
/// <typeparam name="TResult">The coroutine's result type.</typeparam>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CoroutineAttribute<TResult> : Attribute
{
}
