using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro;

/// <summary>
/// The one definition of a valid <c>[Coroutine]</c> declaration. The generator writes a wrapper
/// exactly for the methods this finds no problem with, and CORO004 reports exactly these problems
/// with these reasons. Linked into Coro.Analyzers, as <see cref="ResultTypeName"/> is.
/// </summary>
internal sealed class CoroutineShape
{
    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private CoroutineShape(IMethodSymbol method, SyntaxNode reportedOn, SyntaxToken identifier, List<AttributeData> attributes)
    {
        Method = method;
        ReportedOn = reportedOn;
        Identifier = identifier;
        Attributes = attributes;
    }

    /// <summary>The method: its defining part when it is a partial method with both parts.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The declaration a diagnostic goes on: the one with the body when there is one.</summary>
    public SyntaxNode ReportedOn { get; }

    /// <summary>Where on <see cref="ReportedOn"/> CORO004 points: the method's name.</summary>
    public SyntaxToken Identifier { get; }

    /// <summary>What is wrong, in the words CORO004 says it; empty for a valid coroutine.</summary>
    public List<Problem> Problems { get; } = new();

    // What the generator writes, decided here so that it never decides twice: for a valid coroutine
    // (no problem) and for a wrong shape that CanEmitDefinition, each of these is there.

    /// <summary>The method's Coroutine attributes (one for a valid coroutine).</summary>
    public List<AttributeData> Attributes { get; }

    /// <summary>The <c>TResult</c> of <c>[Coroutine&lt;TResult&gt;]</c> or of <c>ResultType = "..."</c>,
    /// bound; null for a coroutine without a result (or for a wrong shape).</summary>
    public ITypeSymbol? ResultType { get; private set; }

    /// <summary>True for IEnumerable and IEnumerable&lt;T&gt; bodies (the wrapper calls GetEnumerator),
    /// false for the enumerators.</summary>
    public bool ReturnsEnumerable =>
        Method.ReturnType.OriginalDefinition.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T;

    /// <summary>Each parameter's default value as C# source, or null where it has none.</summary>
    public List<string?> DefaultValues { get; } = new();

    /// <summary>The containing types, outermost first, each with the keyword its partial redeclaration
    /// takes (<c>class</c>, <c>record struct</c>, ...).</summary>
    public List<(INamedTypeSymbol Type, string Keyword)> ContainingTypes { get; } = new();

    /// <summary>
    /// True when the generator can write the partial method's defining declaration (the method and
    /// all its types are partial and extendable, and the user wrote only the implementation), so that
    /// a wrong shape does not also leave the compiler's CS0759 standing.
    /// </summary>
    public bool CanEmitDefinition { get; private set; }

    /// <summary>True when the user wrote the defining declaration too (the generator then writes none).</summary>
    public bool UserWroteDefinition { get; private set; }

    /// <summary>
    /// True when the compilation keeps an error whatever the generator writes (a type that is not
    /// partial, a file-local type, an iterator the compiler rejects). The compiler then runs no
    /// analyzer on <c>dotnet build</c>, so the generator reports CORO004 for this method and the
    /// analyzer stays silent on it; otherwise the analyzer reports and the generator does not.
    /// </summary>
    public bool ReportedByGenerator { get; private set; }

    /// <summary>One reason CORO004 gives.</summary>
    public readonly struct Problem
    {
        public Problem(string reason, bool addPartial)
        {
            Reason = reason;
            AddPartial = addPartial;
        }

        /// <summary>The text after "[Coroutine] method 'M'".</summary>
        public string Reason { get; }

        /// <summary>True when adding <c>partial</c> modifiers fixes it.</summary>
        public bool AddPartial { get; }
    }

    /// <summary>
    /// True for <c>Coro.CoroutineAttribute</c> and <c>Coro.CoroutineAttribute&lt;T&gt;</c>: the attribute
    /// class's symbol by its metadata name, as the generator's <c>ForAttributeWithMetadataName</c> finds it
    /// (never the name written in source, which an alias may change). The analyzers use this too.
    /// </summary>
    public static bool IsCoroutineAttribute(INamedTypeSymbol? type) =>
        type is { Name: "CoroutineAttribute", Arity: <= 1, ContainingNamespace: { Name: "Coro", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>The generic name in an attribute's name: <c>Coroutine&lt;T&gt;</c>, <c>Coro.Coroutine&lt;T&gt;</c>
    /// or <c>alias::Coroutine&lt;T&gt;</c> (CORO008 and its fix read the type argument from it).</summary>
    public static GenericNameSyntax? GenericName(NameSyntax name) => name switch
    {
        GenericNameSyntax generic => generic,
        QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic,
        AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic,
        _ => null,
    };

    /// <summary>True when the declaration has the <c>partial</c> modifier (a method or a type).</summary>
    public static bool IsPartial(MemberDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary><c>System.Threading.CancellationToken</c>, exactly: the body parameter whose
    /// cancellation cancels the coroutine, and the one extra parameter CORO002 lets an async twin take.</summary>
    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", IsGenericType: false }
        && type.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>
    /// True if <paramref name="candidate"/> is the wrapper the generator wrote for <paramref name="body"/>:
    /// named <c>&lt;Name&gt;Async</c>, in the same type, with the body's type parameters and parameter
    /// types, and marked <c>[GeneratedCode("Coro.Generators", ...)]</c>. CORO004 (is the name taken?)
    /// and CORO006 (is this call a wrapper's? is there one to call?) decide it here.
    /// </summary>
    public static bool IsGeneratedWrapper(IMethodSymbol candidate, IMethodSymbol body)
    {
        candidate = candidate.OriginalDefinition;
        body = body.OriginalDefinition;
        return candidate.Name == body.Name + "Async"
            && SymbolEqualityComparer.Default.Equals(candidate.ContainingType, body.ContainingType)
            && SameSignature(candidate, body)
            && IsGeneratedByCoro(candidate);
    }

    /// <summary>The method's Coroutine attributes (both parts of a partial method share them).</summary>
    public static List<AttributeData> CoroutineAttributes(IMethodSymbol method)
    {
        var found = new List<AttributeData>();
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (IsCoroutineAttribute(attribute.AttributeClass))
            {
                found.Add(attribute);
            }
        }

        return found;
    }

    /// <summary>
    /// Checks a method (either part) that carries a Coroutine attribute; null if it carries none or
    /// has no declaration in source.
    /// </summary>
    public static CoroutineShape? Check(IMethodSymbol symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        List<AttributeData> attributes = CoroutineAttributes(symbol);
        if (attributes.Count == 0)
        {
            return null;
        }

        IMethodSymbol method = symbol.PartialDefinitionPart ?? symbol;
        IMethodSymbol? implementation = method.PartialImplementationPart;
        SyntaxNode? implementationNode = implementation is null ? null : FirstDeclaration(implementation, cancellationToken);
        SyntaxNode? methodNode = FirstDeclaration(method, cancellationToken);
        SyntaxNode? reportedOn = implementationNode ?? methodNode;
        if (reportedOn is null)
        {
            return null;
        }

        SyntaxToken identifier = reportedOn switch
        {
            MethodDeclarationSyntax m => m.Identifier,
            LocalFunctionStatementSyntax l => l.Identifier,
            _ => reportedOn.GetFirstToken(),
        };
        var shape = new CoroutineShape(method, reportedOn, identifier, attributes);
        shape.Find(reportedOn, implementationNode is not null ? methodNode : null, attributes, compilation, cancellationToken);
        return shape;
    }

    private void Find(SyntaxNode reportedOn, SyntaxNode? userDefinition, List<AttributeData> attributes, Compilation compilation, CancellationToken cancellationToken)
    {
        if (Method.MethodKind == MethodKind.LocalFunction)
        {
            Add("is a local function, which cannot be partial: run its iterator with Coroutine.Start(...) instead");
            return;
        }

        if (Method.MethodKind != MethodKind.Ordinary || reportedOn is not MethodDeclarationSyntax declaration)
        {
            Add("is not an ordinary method (an explicit interface implementation, say): put [Coroutine] on a method it calls");
            ReportedByGenerator = HasCompilerErrors(reportedOn, userDefinition, compilation, cancellationToken);
            return;
        }

        bool isPartial = IsPartial(declaration);
        bool hasBody = declaration.Body is not null || declaration.ExpressionBody is not null;

        // The modifiers may sit on either part: async and the body on the implementation.
        if (declaration.Modifiers.Any(SyntaxKind.AsyncKeyword) || Method.IsAsync || (Method.PartialImplementationPart?.IsAsync ?? false))
        {
            Add("must not be async: a coroutine body is an iterator that yields futures");
        }

        if (Method.ReturnType.TypeKind == TypeKind.Error)
        {
            Add("has a return type that names no type");
        }
        else if (!IsIteratorReturnType(Method.ReturnType))
        {
            Add("must return IEnumerable, IEnumerator, IEnumerable<T> or IEnumerator<T>");
        }
        else if (Method.ReturnsByRef || Method.ReturnsByRefReadonly)
        {
            Add("must not return by reference: an iterator returns its enumerable by value");
        }
        else if (hasBody && !ContainsYield(declaration))
        {
            Add("must be an iterator: its body needs at least one 'yield return' or 'yield break'");
        }
        else if (!hasBody && !isPartial)
        {
            Add("must be an iterator: its body needs at least one 'yield return' or 'yield break'");
        }
        else if (!hasBody)
        {
            Add("has no implementing declaration: write the partial method's other part, the iterator that yields futures");
        }

        INamedTypeSymbol? notPartial = NonPartialContainingType(Method, cancellationToken);
        if (!isPartial)
        {
            Add("must be partial, so the generator can add its defining declaration and wrapper", addPartial: true);
        }
        else if (notPartial is not null)
        {
            Add($"must sit in partial types, and '{notPartial.Name}' is not partial", addPartial: true);
        }

        INamedTypeSymbol? fileLocal = FileLocalContainingType(Method, cancellationToken);
        if (fileLocal is not null)
        {
            Add($"sits in the file-local type '{fileLocal.Name}', which generated code in another file cannot extend: declare the type without 'file'");
        }

        INamedTypeSymbol? notRedeclarable = FindContainingTypes();
        if (notRedeclarable is not null)
        {
            Add($"sits in '{notRedeclarable.Name}', which is not a class, struct, record or interface that generated code could extend");
        }

        if (attributes.Count > 1)
        {
            Add("carries more than one [Coroutine] attribute: keep one");
        }

        string? wrapperTaken = WrapperNameTaken(Method);
        if (wrapperTaken is not null)
        {
            Add($"cannot get its wrapper: '{wrapperTaken}' is already taken");
        }

        bool parametersWritable = true;
        foreach (IParameterSymbol parameter in Method.Parameters)
        {
            string? defaultValue = null;
            if (parameter.RefKind != RefKind.None)
            {
                Add($"cannot take '{parameter.Name}' by reference: an iterator's parameters are passed by value");
                parametersWritable = false;
            }
            else if (parameter.HasExplicitDefaultValue
                && (defaultValue = Coro.Generators.CSharpLiterals.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue, s_typeFormat)) is null)
            {
                Add($"has a default value for '{parameter.Name}' that the generator cannot repeat in the wrapper");
                parametersWritable = false;
            }

            DefaultValues.Add(defaultValue);
        }

        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is { IsGenericType: true } generic)
            {
                if (generic.TypeArguments.Length != 1 || generic.TypeArguments[0].TypeKind == TypeKind.Error)
                {
                    Add("has a result type that names no type");
                }
                else
                {
                    ResultType = generic.TypeArguments[0];
                }
            }
            else if (ResultTypeName.Of(attribute) is { } named)
            {
                // [Coroutine(ResultType = "List<T>")]: a result type that uses type parameters.
                ITypeSymbol? bound = ResultTypeName.Bind(named, compilation.GetSemanticModel(declaration.SyntaxTree), declaration);
                if (bound is null)
                {
                    Add($"has ResultType \"{named}\", which does not name a type in the method's scope");
                }

                ResultType = bound;
            }
        }

        if (Problems.Count > 0)
        {
            ResultType = null;
        }

        UserWroteDefinition = userDefinition is not null;
        CanEmitDefinition = isPartial && hasBody && userDefinition is null && notPartial is null && fileLocal is null
            && parametersWritable && notRedeclarable is null && declaration.Parent is TypeDeclarationSyntax;

        bool definitionStaysMissing = isPartial && hasBody && userDefinition is null && !CanEmitDefinition;
        ReportedByGenerator = Problems.Count > 0
            && (definitionStaysMissing
                || BodyIsAnError(declaration, hasBody)
                || HasCompilerErrors(reportedOn, userDefinition, compilation, cancellationToken));
    }

    /// <summary>
    /// The wrong shapes whose body the compiler rejects (CS1624, CS8403, CS1983, CS1623, CS8154):
    /// decided from the shape rather than by binding the body, because the generator binds without
    /// the generated wrappers the body may call, and so would see errors the analyzer does not.
    /// </summary>
    private bool BodyIsAnError(MethodDeclarationSyntax declaration, bool hasBody)
    {
        bool iteratorReturn = IsIteratorReturnType(Method.ReturnType);
        bool async = declaration.Modifiers.Any(SyntaxKind.AsyncKeyword);
        if (async && iteratorReturn)
        {
            return true;
        }

        if (!hasBody || !ContainsYield(declaration))
        {
            return false;
        }

        bool asyncIterator = async && Method.ReturnType.OriginalDefinition is INamedTypeSymbol
        {
            Name: "IAsyncEnumerable" or "IAsyncEnumerator",
            ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace.Name: "System" } },
        };
        return (!iteratorReturn && !asyncIterator)
            || Method.ReturnsByRef || Method.ReturnsByRefReadonly
            || Method.Parameters.Any(static p => p.RefKind != RefKind.None);
    }

    private void Add(string reason, bool addPartial = false) => Problems.Add(new Problem(reason, addPartial));

    private static bool IsIteratorReturnType(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_IEnumerator
            or SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IEnumerator_T
        || type.TypeKind == TypeKind.Error;

    /// <summary>A yield statement in the body itself, not in a lambda or local function.</summary>
    private static bool ContainsYield(MethodDeclarationSyntax declaration) =>
        declaration.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(static node => node is YieldStatementSyntax);

    private static SyntaxNode? FirstDeclaration(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax(cancellationToken);
            if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                return node;
            }
        }

        return null;
    }

    private static INamedTypeSymbol? NonPartialContainingType(IMethodSymbol method, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && !IsPartial(declaration))
                {
                    return type;
                }
            }
        }

        return null;
    }

    // Read from the syntax ('file' modifier) rather than ITypeSymbol.IsFileLocal, which Roslyn 4.3 lacks.
    private static INamedTypeSymbol? FileLocalContainingType(IMethodSymbol method, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(static m => m.ValueText == "file"))
                {
                    return type;
                }
            }
        }

        return null;
    }

    /// <summary>Fills <see cref="ContainingTypes"/>; returns the type that cannot be redeclared as a
    /// partial type (an extension block, say), if one cannot.</summary>
    private INamedTypeSymbol? FindContainingTypes()
    {
        for (INamedTypeSymbol? type = Method.ContainingType; type is not null; type = type.ContainingType)
        {
            string? keyword = type.TypeKind switch
            {
                TypeKind.Class => type.IsRecord ? "record" : "class",
                TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => null,
            };
            if (keyword is null)
            {
                ContainingTypes.Clear();
                return type;
            }

            ContainingTypes.Insert(0, (type, keyword));
        }

        return null;
    }

    /// <summary>
    /// The member that takes the wrapper's name: anything named <c>&lt;Name&gt;Async</c> that is not a
    /// method, or a method with the body's parameter types that the generator did not write. A
    /// method with other parameter types is an overload beside the wrapper, not a clash.
    /// </summary>
    private static string? WrapperNameTaken(IMethodSymbol method)
    {
        if (method.ContainingType is null)
        {
            return null;
        }

        string name = method.Name + "Async";
        foreach (ISymbol member in method.ContainingType.GetMembers(name))
        {
            if (member is not IMethodSymbol other)
            {
                return member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            }

            if (SameSignature(other, method) && !IsGeneratedByCoro(other))
            {
                return other.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            }
        }

        return null;
    }

    /// <summary>The same number of type parameters and the same parameter types (a type parameter
    /// matches a type parameter): the signature a wrapper repeats, which an overload does not.</summary>
    private static bool SameSignature(IMethodSymbol a, IMethodSymbol b) =>
        a.Parameters.Length == b.Parameters.Length
        && a.TypeParameters.Length == b.TypeParameters.Length
        && a.Parameters.Zip(b.Parameters, SameParameterType).All(static same => same);

    private static bool SameParameterType(IParameterSymbol a, IParameterSymbol b) =>
        a.Type.Equals(b.Type, SymbolEqualityComparer.Default) || (a.Type is ITypeParameterSymbol && b.Type is ITypeParameterSymbol);

    /// <summary>Marked <c>[System.CodeDom.Compiler.GeneratedCode("Coro.Generators", ...)]</c>, as every
    /// wrapper the generator writes is.</summary>
    private static bool IsGeneratedByCoro(IMethodSymbol method) =>
        method.GetAttributes().Any(static a =>
            a.AttributeClass is { Name: "GeneratedCodeAttribute", ContainingNamespace: { Name: "Compiler", ContainingNamespace: { Name: "CodeDom", ContainingNamespace.Name: "System" } } }
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is "Coro.Generators");

    /// <summary>
    /// Whether the method's declarations (signature and attributes, not the body) have a compiler
    /// error other than CS0759, the missing defining declaration that only the generator's input
    /// lacks. The generator and the analyzer see the same declaration errors, so both decide alike.
    /// </summary>
    private static bool HasCompilerErrors(SyntaxNode reportedOn, SyntaxNode? userDefinition, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode? node in new[] { reportedOn, userDefinition })
        {
            if (node is null || !compilation.ContainsSyntaxTree(node.SyntaxTree))
            {
                continue;
            }

            SemanticModel model = compilation.GetSemanticModel(node.SyntaxTree);
            foreach (Diagnostic diagnostic in model.GetDeclarationDiagnostics(node.Span, cancellationToken))
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Id != "CS0759")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
