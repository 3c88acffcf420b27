using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coro.Analyzers;

/// <summary>
/// CORO004: <c>[Coroutine]</c> on a method that cannot be a coroutine body. What counts as wrong is
/// <see cref="CoroutineShape"/>, the check the generator makes too, so the generator writes no wrapper
/// exactly where this reports. For a method that keeps a compiler error whatever the generator writes
/// (<see cref="CoroutineShape.ReportedByGenerator"/>), the generator reports CORO004 instead, because
/// the compiler runs no analyzer on a build with errors; this analyzer then stays silent on it, so
/// the IDE shows it once. The fix adds the missing <c>partial</c> modifiers.
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
            if (CoroSymbols.Create(start.Compilation) is not null)
            {
                start.RegisterSyntaxNodeAction(Analyze, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement);
            }
        });
    }

    // A syntax node action rather than a symbol action: the diagnostic goes on the implementing
    // declaration the user wrote, while the symbol of a partial method is its (generated) definition.
    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken) is not IMethodSymbol declared
            || declared.PartialImplementationPart is not null)
        {
            return; // a defining part is analyzed with its implementing part
        }

        if (CoroutineShape.Check(declared, context.Compilation, context.CancellationToken) is not { } shape
            || shape.ReportedOn != context.Node
            || shape.ReportedByGenerator)
        {
            return;
        }

        Location location = shape.Identifier.GetLocation();
        foreach (CoroutineShape.Problem problem in shape.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CORO004InvalidCoroutine,
                location,
                problem.AddPartial ? ImmutableDictionary<string, string?>.Empty.Add(AddPartialProperty, "true") : ImmutableDictionary<string, string?>.Empty,
                shape.Method.Name,
                problem.Reason));
        }
    }
}
