using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coro.Analyzers;

/// <summary>
/// CORO004: <c>[Coroutine]</c> on a method that cannot be a coroutine body: not an iterator, a
/// return type other than IEnumerable/IEnumerator (generic or not), <c>async</c>, not partial or in a
/// type that is not partial, or whose wrapper name <c>&lt;Name&gt;Async</c> is already taken. The fix
/// adds the missing <c>partial</c> modifiers.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CORO004InvalidCoroutineAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Set when the problem is a missing <c>partial</c> modifier (the fix adds them).</summary>
    internal const string AddPartialProperty = "AddPartial";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CORO004InvalidCoroutine);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            CoroSymbols? symbols = CoroSymbols.Create(start.Compilation);
            if (symbols is not null)
            {
                start.RegisterSyntaxNodeAction(nodeContext => Analyze(nodeContext, symbols), SyntaxKind.MethodDeclaration);
            }
        });
    }

    // A syntax node action rather than a symbol action: the diagnostic goes on the implementing
    // declaration the user wrote, while the symbol of a partial method is its (generated) definition.
    private static void Analyze(SyntaxNodeAnalysisContext context, CoroSymbols symbols)
    {
        var node = (MethodDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(node, context.CancellationToken) is not IMethodSymbol declared
            || declared.PartialImplementationPart is not null
            || !symbols.IsCoroutine(declared))
        {
            return; // a defining part is analyzed with its implementing part
        }

        IMethodSymbol method = declared.PartialDefinitionPart ?? declared;
        IMethodSymbol implementation = declared;
        MethodDeclarationSyntax? body = node.Body is not null || node.ExpressionBody is not null ? node : null;

        Location location = node.Identifier.GetLocation();
        void Report(string reason, bool addPartial = false) => context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.CORO004InvalidCoroutine,
            location,
            addPartial ? ImmutableDictionary<string, string?>.Empty.Add(AddPartialProperty, "true") : ImmutableDictionary<string, string?>.Empty,
            method.Name,
            reason));

        if (implementation.IsAsync)
        {
            Report("must not be async: a coroutine body is an iterator that yields futures");
        }

        if (!IsIteratorReturnType(method.ReturnType))
        {
            Report("must return IEnumerable, IEnumerator, IEnumerable<T> or IEnumerator<T>");
        }
        else if ((body is not null && !ContainsYield(body)) || (body is null && !IsPartial(node)))
        {
            Report("must be an iterator: its body needs at least one 'yield return' or 'yield break'");
        }

        if (!IsPartial(node))
        {
            Report("must be partial, so the generator can add its defining declaration and wrapper", addPartial: true);
        }
        else if (NonPartialContainingType(method) is { } type)
        {
            Report($"must sit in partial types, and '{type.Name}' is not partial", addPartial: true);
        }

        if (WrapperNameTaken(method, symbols, context.CancellationToken) is { } taken)
        {
            Report($"cannot get its wrapper: '{taken}' is already taken");
        }

        if (symbols.IsCoroutine(declared, out ITypeSymbol? resultType, out AttributeData? attribute)
            && resultType is { TypeKind: TypeKind.Error }
            && attribute is not null
            && ResultTypeName.Of(attribute) is { } named)
        {
            Report($"has ResultType \"{named}\", which does not name a type in the method's scope");
        }
    }

    private static bool IsIteratorReturnType(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_IEnumerator
            or SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IEnumerator_T
        || type.TypeKind == TypeKind.Error;

    /// <summary>A yield statement in the body itself, not in a lambda or local function.</summary>
    private static bool ContainsYield(MethodDeclarationSyntax declaration) =>
        declaration.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(node => node is YieldStatementSyntax);

    internal static bool IsPartial(MemberDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static INamedTypeSymbol? NonPartialContainingType(IMethodSymbol method)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax declaration && !IsPartial(declaration))
                {
                    return type;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The member that takes the wrapper's name: anything named <c>&lt;Name&gt;Async</c> that is not a
    /// method, or a method with the body's parameter types that the generator did not write.
    /// </summary>
    private static string? WrapperNameTaken(IMethodSymbol method, CoroSymbols symbols, System.Threading.CancellationToken cancellationToken)
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

            if (other.Parameters.Length == method.Parameters.Length
                && other.Parameters.Zip(method.Parameters, (a, b) => a.Type.Equals(b.Type, SymbolEqualityComparer.Default) || (a.Type is ITypeParameterSymbol && b.Type is ITypeParameterSymbol)).All(same => same)
                && other.TypeParameters.Length == method.TypeParameters.Length
                && !symbols.IsGeneratedCode(other)
                && !other.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase)))
            {
                return other.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            }
        }

        return null;
    }
}
