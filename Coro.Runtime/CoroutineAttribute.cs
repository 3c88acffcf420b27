namespace Coro;

/// <summary>
/// Marks a partial iterator method as the body of a coroutine with no result. The source
/// generator adds <c>&lt;Name&gt;Async</c>, which starts the body and returns its <see cref="Future"/>.
/// </summary>
/// <remarks>
/// C# does not allow a type parameter as an attribute's type argument (<c>[Coroutine&lt;T&gt;]</c>
/// is error CS8968), so a generic method whose result type uses its type parameters names it in
/// <see cref="ResultType"/> instead: <c>[Coroutine(ResultType = "List&lt;T&gt;")]</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CoroutineAttribute : Attribute
{
    /// <summary>
    /// The coroutine's result type, written as C# in the method's scope (<c>"T"</c>,
    /// <c>"List&lt;T&gt;"</c>), for results that use type parameters; the wrapper then returns
    /// <c>Future&lt;ResultType&gt;</c> as <c>[Coroutine&lt;TResult&gt;]</c> would. Null (the default):
    /// no result.
    /// </summary>
    public string? ResultType { get; set; }
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
