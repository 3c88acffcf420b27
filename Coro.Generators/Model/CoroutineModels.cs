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
    bool HasWrapper = true);

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
/// be written), and the CORO004 diagnostics the generator reports itself.
/// </summary>
/// <param name="Generic">True when the method's first Coroutine attribute is <c>[Coroutine&lt;TResult&gt;]</c>.
/// The models are grouped in the order they always were, those of <c>[Coroutine]</c> first, so that the
/// output is the same.</param>
internal sealed record ParsedCoroutine(CoroutineMethod? Method, EquatableArray<InvalidCoroutine> Diagnostics, bool Generic);

/// <summary>
/// One CORO004 the generator reports, as plain values: where (file, span, lines) and why. No
/// <c>Location</c>, so the model compares by value and holds no syntax tree.
/// </summary>
/// <param name="FilePath">The file of the method's declaration.</param>
/// <param name="Span">The method's name in that file.</param>
/// <param name="LineSpan">The same as lines and columns.</param>
/// <param name="MethodName">The method's name, for the message.</param>
/// <param name="Reason">The reason, as the shape check words it.</param>
/// <param name="AddPartial">True when the CORO004 fix (add <c>partial</c>) applies.</param>
internal readonly record struct InvalidCoroutine(
    string FilePath,
    Microsoft.CodeAnalysis.Text.TextSpan Span,
    Microsoft.CodeAnalysis.Text.LinePositionSpan LineSpan,
    string MethodName,
    string Reason,
    bool AddPartial);
