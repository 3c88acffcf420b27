using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Coro.Analyzers;

/// <summary>
/// The well-known symbols the analyzers recognise, resolved once per compilation. A compilation
/// that does not reference Coro.Runtime has no <see cref="CoroSymbols"/> and is not analyzed.
/// </summary>
internal sealed class CoroSymbols
{
    private CoroSymbols(Compilation compilation, INamedTypeSymbol future)
    {
        Compilation = compilation;
        Future = future;
        FutureOfT = compilation.GetTypeByMetadataName("Coro.Future`1");
        CoroutineGroup = compilation.GetTypeByMetadataName("Coro.CoroutineGroup");
        Coroutine = compilation.GetTypeByMetadataName("Coro.Coroutine");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        ObsoleteAttribute = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        ReadOnlyDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
    }

    public Compilation Compilation { get; }
    public INamedTypeSymbol Future { get; }
    public INamedTypeSymbol? FutureOfT { get; }
    public INamedTypeSymbol? CoroutineGroup { get; }
    public INamedTypeSymbol? Coroutine { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? ObsoleteAttribute { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? ReadOnlyDictionary { get; }

    /// <summary>Resolves the symbols, or returns null when Coro.Runtime is not referenced.</summary>
    public static CoroSymbols? Create(Compilation compilation)
    {
        INamedTypeSymbol? future = compilation.GetTypeByMetadataName("Coro.Future");
        INamedTypeSymbol? attribute = compilation.GetTypeByMetadataName("Coro.CoroutineAttribute");
        return future is null || attribute is null ? null : new CoroSymbols(compilation, future);
    }

    /// <summary>
    /// True if <paramref name="method"/> (either part of a partial method) carries
    /// <c>[Coroutine]</c> or <c>[Coroutine&lt;TResult&gt;]</c>. <paramref name="resultType"/> is
    /// <c>TResult</c>, or null for a coroutine without a result.
    /// </summary>
    public bool IsCoroutine(IMethodSymbol? method, out ITypeSymbol? resultType, out AttributeData? attribute)
    {
        resultType = null;
        attribute = null;
        if (method is null || method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        if (Find(method, out resultType, out attribute))
        {
            return true;
        }

        IMethodSymbol? other = method.PartialDefinitionPart ?? method.PartialImplementationPart;
        return other is not null && Find(other, out resultType, out attribute);
    }

    /// <inheritdoc cref="IsCoroutine(IMethodSymbol?, out ITypeSymbol?, out AttributeData?)"/>
    public bool IsCoroutine(IMethodSymbol? method) => IsCoroutine(method, out _, out _);

    private bool Find(IMethodSymbol method, out ITypeSymbol? resultType, out AttributeData? found)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            // The one rule for the attribute, the generator's too.
            if (attribute.AttributeClass is not { } type || !CoroutineShape.IsCoroutineAttribute(type))
            {
                continue;
            }

            resultType = type.IsGenericType
                ? type.TypeArguments[0]
                : ResultTypeName.Of(attribute) is { } named ? BindResultType(method, named) : null;
            found = attribute;
            return true;
        }

        resultType = null;
        found = null;
        return false;
    }

    /// <summary>
    /// The type named by <c>[Coroutine(ResultType = "...")]</c>, bound as the generator binds it; an
    /// error type if it names none (CORO004 reports that, and the other rules leave it alone).
    /// </summary>
    public ITypeSymbol BindResultType(IMethodSymbol method, string text) =>
        _namedResultTypes.GetOrAdd(method, m => BindResultTypeOnce(m, text));

    // IsCoroutine runs for every call the rules look at; binding the string once per method keeps it cheap.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, ITypeSymbol> _namedResultTypes =
        new(SymbolEqualityComparer.Default);

    private ITypeSymbol BindResultTypeOnce(IMethodSymbol method, string text)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration
                && Compilation.ContainsSyntaxTree(declaration.SyntaxTree)
                && ResultTypeName.Bind(text, Compilation.GetSemanticModel(declaration.SyntaxTree), declaration) is { } bound)
            {
                return bound;
            }
        }

        return Compilation.CreateErrorTypeSymbol(null, text, 0);
    }

    /// <summary>True for <c>Future</c>, <c>Future&lt;T&gt;</c> and types derived from them.</summary>
    public bool IsFuture(ITypeSymbol? type) => InheritsFrom(type, Future);

    /// <summary>True for <c>Future&lt;T&gt;</c> and its subclasses.</summary>
    public bool IsFutureOfT(ITypeSymbol? type, out ITypeSymbol? resultType)
    {
        for (INamedTypeSymbol? t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (FutureOfT is not null && SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, FutureOfT) && t.TypeArguments.Length == 1)
            {
                resultType = t.TypeArguments[0];
                return true;
            }
        }

        resultType = null;
        return false;
    }

    /// <summary>True for <c>CoroutineGroup</c>.</summary>
    public bool IsCoroutineGroup(ITypeSymbol? type) =>
        CoroutineGroup is not null && SymbolEqualityComparer.Default.Equals(type, CoroutineGroup);

    /// <summary>True for Task, Task&lt;T&gt; and subclasses.</summary>
    public bool IsTask(ITypeSymbol? type) => InheritsFrom(type, Task);

    /// <summary>True for ValueTask and ValueTask&lt;T&gt;.</summary>
    public bool IsValueTask(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTask)
            || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTaskOfT));

    /// <summary>Future, Task or ValueTask, in any generic form: one thing the Runner waits for.</summary>
    public bool IsAwaitable(ITypeSymbol? type) => IsFuture(type) || IsTask(type) || IsValueTask(type);

    /// <summary>
    /// True if a value of static type <paramref name="type"/> is something the Runner accepts
    /// (a row of <see cref="s_yieldables"/>). Types that could hold anything at run time (object, dynamic, an
    /// unconstrained type parameter, an error type) count as yieldable: only the static type is known.
    /// </summary>
    public bool IsYieldable(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.Dynamic || type.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        if (type is ITypeParameterSymbol parameter)
        {
            ImmutableArray<ITypeSymbol> constraints = parameter.ConstraintTypes;
            if (constraints.IsDefaultOrEmpty)
            {
                return true;
            }

            foreach (ITypeSymbol constraint in constraints)
            {
                if (IsYieldable(constraint))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (Func<CoroSymbols, ITypeSymbol, bool> row in s_yieldables)
        {
            if (row(this, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The yieldable shapes, one row each: the static side of the runtime's table
    /// (<c>Yieldables.ToFuture</c> in Coro.Runtime), and what docs/semantics.md lists.
    /// </summary>
    private static readonly Func<CoroSymbols, ITypeSymbol, bool>[] s_yieldables =
    [
        // Future, Future<T>, Task, Task<T>, ValueTask, ValueTask<T> and their subclasses.
        static (symbols, type) => symbols.IsAwaitable(type),

        // ValueTask? and the like: a null one is a Moment at run time.
        static (symbols, type) => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && nullable.TypeArguments.Length == 1
            && symbols.IsAwaitable(nullable.TypeArguments[0]),

        // Future[], Future<int>[], Task[]: all of them.
        static (symbols, type) => type is IArrayTypeSymbol { Rank: 1 } array && symbols.IsFutureOrTask(array.ElementType),

        // IEnumerable<Future>, List<Task<string>>, ...: all of them.
        static (symbols, type) => Implements(type, symbols.IsEnumerableOfFutureOrTask),

        // IReadOnlyDictionary<TKey, Future<T>>, Dictionary<string, Future>, ...: all of the values.
        static (symbols, type) => Implements(type, symbols.IsReadOnlyDictionaryOfFuture),
    ];

    /// <summary>True if <paramref name="type"/> or one of its interfaces is <paramref name="shape"/>.</summary>
    private static bool Implements(ITypeSymbol type, Func<ITypeSymbol, bool> shape)
    {
        if (shape(type))
        {
            return true;
        }

        foreach (INamedTypeSymbol @interface in type.AllInterfaces)
        {
            if (shape(@interface))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsFutureOrTask(ITypeSymbol type) => IsFuture(type) || IsTask(type);

    private bool IsEnumerableOfFutureOrTask(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } named
        && named.TypeArguments.Length == 1
        && IsFutureOrTask(named.TypeArguments[0]);

    private bool IsReadOnlyDictionaryOfFuture(ITypeSymbol type) =>
        type is INamedTypeSymbol named
        && ReadOnlyDictionary is not null
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ReadOnlyDictionary)
        && named.TypeArguments.Length == 2
        && IsFuture(named.TypeArguments[1]);

    /// <summary>True if the method is marked [Obsolete].</summary>
    public bool IsObsolete(ISymbol symbol)
    {
        if (ObsoleteAttribute is null)
        {
            return false;
        }

        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ObsoleteAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True if <paramref name="method"/> is the generated wrapper of a [Coroutine] method beside it
    /// (<see cref="CoroutineShape.IsGeneratedWrapper"/>, the one rule).
    /// </summary>
    public bool IsCoroutineWrapper(IMethodSymbol method)
    {
        const string Suffix = "Async";
        if (!method.Name.EndsWith(Suffix, System.StringComparison.Ordinal) || method.Name.Length == Suffix.Length
            || method.ContainingType is null)
        {
            return false;
        }

        string bodyName = method.Name.Substring(0, method.Name.Length - Suffix.Length);
        foreach (ISymbol member in method.ContainingType.GetMembers(bodyName))
        {
            if (member is IMethodSymbol body && IsCoroutine(body) && CoroutineShape.IsGeneratedWrapper(method, body))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
