using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coro.Analyzers;

/// <summary>
/// Suppresses CS1066 ("the default value specified for parameter will have no effect") on the
/// parameters of a [Coroutine] partial method's implementing declaration: users write the defaults
/// there, and the generator copies them into the defining declaration and the <c>&lt;Name&gt;Async</c>
/// wrapper, where they take effect.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CS1066DefaultValueSuppressor : DiagnosticSuppressor
{
    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CS1066OnCoroutineParameter);

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        CoroSymbols? symbols = CoroSymbols.Create(context.Compilation);
        if (symbols is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.ReportedDiagnostics)
        {
            SyntaxTree? tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }

            SyntaxNode root = tree.GetRoot(context.CancellationToken);
            if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan)
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ParameterSyntax>() is not { Parent.Parent: MethodDeclarationSyntax method }
                || (method.Body is null && method.ExpressionBody is null)
                || !CoroutineShape.IsPartial(method))
            {
                continue;
            }

            if (context.GetSemanticModel(tree).GetDeclaredSymbol(method, context.CancellationToken) is IMethodSymbol symbol
                && symbols.IsCoroutine(symbol))
            {
                context.ReportSuppression(Suppression.Create(DiagnosticDescriptors.CS1066OnCoroutineParameter, diagnostic));
            }
        }
    }
}
