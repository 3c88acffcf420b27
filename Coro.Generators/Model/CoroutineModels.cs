namespace Coro.Generators.Model;

/// <summary>
/// One <c>[Coroutine]</c> method, reduced to the strings the emitter writes. Equal inputs give equal
/// models, so an edit that leaves the method's signature alone (inside its body, or in another
/// file) stops the pipeline here.
/// </summary>
/// <param name="TypeKey">The containing type, fully qualified: methods are grouped by it.</param>
/// <param name="Namespace">The containing namespace, or "" for the global namespace.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="FileName">The containing types as a file-safe name, e.g. <c>Demo.Box{T}.Item</c>.</param>
/// <param name="DefinitionModifiers">The modifiers of the defining declaration to emit, or null when
/// the user wrote the defining declaration.</param>
/// <param name="ReturnType">The body's return type, fully qualified.</param>
/// <param name="ReturnsEnumerable">True for IEnumerable bodies (the wrapper calls GetEnumerator),
/// false for IEnumerator bodies.</param>
/// <param name="Name">The body's name, escaped.</param>
/// <param name="TypeParameters">The body's type parameter list with its brackets, or "".</param>
/// <param name="Constraints">One <c>where</c> clause per constrained type parameter.</param>
/// <param name="Parameters">The parameters, as declared.</param>
/// <param name="WrapperModifiers">Accessibility and <c>static</c> of the wrapper.</param>
/// <param name="WrapperName">The wrapper's name, <c>&lt;Name&gt;Async</c>.</param>
/// <param name="ResultType">The TResult of <c>[Coroutine&lt;TResult&gt;]</c>, fully qualified, or null.</param>
/// <param name="Cref">The body as a cref, e.g. <c>FetchTitle(string)</c>.</param>
/// <param name="Callee">What the wrapper calls, e.g. <c>FetchTitle</c> or <c>this.Run&lt;T&gt;</c>.</param>
/// <param name="CancellationToken">The escaped name of the body's CancellationToken parameter, or null.</param>
/// <param name="FutureLocal">The wrapper's local for the future, not clashing with a parameter.</param>
/// <param name="BodyLocal">The wrapper's local for the enumerator.</param>
/// <param name="ExceptionLocal">The wrapper's catch variable.</param>
/// <param name="NullableAnnotations">Whether the body is declared where nullable annotations are on;
/// when they are off, its declarations are generated with them off too.</param>
/// <param name="HasWrapper">False for a wrong shape (CORO004): only the defining declaration is
/// written, so that the compiler does not hide CORO004 behind CS0759.</param>
/// <param name="YieldConversions">What the wrapper registers before the body runs, so that a boxed
/// <c>ValueTask&lt;T&gt;</c> or dictionary of futures the body yields converts without reflection.</param>
internal sealed record CoroutineMethod(
    string TypeKey,
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string FileName,
    string? DefinitionModifiers,
    string ReturnType,
    bool ReturnsEnumerable,
    string Name,
    string TypeParameters,
    EquatableArray<string> Constraints,
    EquatableArray<Parameter> Parameters,
    string WrapperModifiers,
    string WrapperName,
    string? ResultType,
    string Cref,
    string Callee,
    string? CancellationToken,
    string FutureLocal,
    string BodyLocal,
    string ExceptionLocal,
    bool NullableAnnotations,
    bool HasWrapper = true,
    EquatableArray<YieldConversion> YieldConversions = default);

/// <summary>A type that contains a coroutine, as its partial redeclaration names it.</summary>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The name with its type parameters, e.g. <c>Box&lt;T&gt;</c>.</param>
internal readonly record struct ContainingType(string Keyword, string Name);

/// <summary>A parameter of the body, which the wrapper repeats.</summary>
/// <param name="Declaration">As declared, e.g. <c>params int[] values</c> or <c>string? name = null</c>.</param>
/// <param name="Name">The escaped name, passed on to the body.</param>
internal readonly record struct Parameter(string Declaration, string Name);

/// <summary>All coroutines of one containing type: one generated file.</summary>
/// <param name="HintName">The generated file's name, unique within the compilation.</param>
/// <param name="Namespace">The containing namespace, or "" for the global namespace.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="Methods">The coroutines, ordered by name and signature (not by source position, so the
/// output does not depend on the order of files).</param>
internal sealed record CoroutineType(
    string HintName,
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    EquatableArray<CoroutineMethod> Methods);

/// <summary>
/// What the generator reports for one method: a <see cref="CoroutineMethod"/> to emit (null when
/// nothing can be emitted; without a wrapper for a wrong shape whose defining declaration can still
/// be written), and the diagnostics the generator reports itself (CORO004, CORO008).
/// </summary>
internal sealed record ParsedCoroutine(CoroutineMethod? Method, EquatableArray<GeneratorDiagnostic> Diagnostics);

/// <summary>
/// One diagnostic the generator reports where a compiler error would hide the analyzer's, as plain
/// values: which, where (file, span, lines) and its message's arguments. No <c>Location</c>, so the
/// model compares by value and holds no syntax tree.
/// </summary>
/// <param name="Id"><c>CORO004</c> (a wrong shape) or <c>CORO008</c> (<c>[Coroutine&lt;T&gt;]</c> below C# 11).</param>
/// <param name="FilePath">The file of the method's declaration.</param>
/// <param name="Span">Where in that file: the method's name (CORO004), the attribute's name (CORO008).</param>
/// <param name="LineSpan">The same as lines and columns.</param>
/// <param name="MessageArguments">The message's arguments: the method's name and the reason (CORO004),
/// the result type as written and the language version (CORO008).</param>
/// <param name="AddPartial">True when the CORO004 fix (add <c>partial</c>) applies.</param>
internal readonly record struct GeneratorDiagnostic(
    string Id,
    string FilePath,
    Microsoft.CodeAnalysis.Text.TextSpan Span,
    Microsoft.CodeAnalysis.Text.LinePositionSpan LineSpan,
    EquatableArray<string> MessageArguments,
    bool AddPartial);

/// <summary>A conversion the wrapper registers before the body runs (<see cref="YieldConversionFinder"/>).</summary>
/// <param name="Kind">The method of <c>Coro.CompilerServices.YieldConversions</c>: <c>ValueTask</c> or <c>Dictionary</c>.</param>
/// <param name="TypeArguments">Its type arguments, fully qualified, comma-separated.</param>
internal readonly record struct YieldConversion(string Kind, string TypeArguments) : System.IComparable<YieldConversion>
{
    /// <summary>Ordered by kind, then type arguments, so the output is stable.</summary>
    public int CompareTo(YieldConversion other)
    {
        int byKind = string.CompareOrdinal(Kind, other.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(TypeArguments, other.TypeArguments);
    }
}
