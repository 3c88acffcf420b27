using Coro.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.Generators;

/// <summary>
/// Emits, for each partial iterator method marked <c>[Coroutine]</c> or <c>[Coroutine&lt;TResult&gt;]</c>,
/// the defining declaration of the partial method and a <c>&lt;Name&gt;Async</c> wrapper that starts
/// the coroutine and returns its future. One file per containing type.
/// </summary>
/// <remarks>
/// The generator keeps nothing between runs: no static state, nothing that holds a compilation,
/// syntax tree or symbol. A compiler server builds many projects in one process; the incremental
/// pipeline, fed equatable models, is the only cache.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class CoroutineGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. The methods marked [Coroutine] and those marked [Coroutine<TResult>], each turned into a
        //    model. Roslyn finds the attributed declarations syntactically (cached per file, aliases
        //    included) and binds only the attributes that may be Coro's; the transform runs again for
        //    each of them whenever the compilation changes. The model is equatable and holds no symbol
        //    or syntax, so an edit that leaves every signature alone stops here as Unchanged. Wrong
        //    shapes (CoroutineShape, the check CORO004 makes) get no wrapper; the model says what can
        //    still be emitted and which CORO004 the generator reports itself. A method with two
        //    attributes or two marked parts is parsed once, where its first attribute is.
        IncrementalValuesProvider<ParsedCoroutine?> plain = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Coro.CoroutineAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (attributed, cancellationToken) => CoroutineParser.Parse(attributed, generic: false, cancellationToken))
            .WithTrackingName(TrackingNames.Coroutines);
        IncrementalValuesProvider<ParsedCoroutine?> generic = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Coro.CoroutineAttribute`1",
                static (node, _) => node is MethodDeclarationSyntax,
                static (attributed, cancellationToken) => CoroutineParser.Parse(attributed, generic: true, cancellationToken))
            .WithTrackingName(TrackingNames.GenericCoroutines);

        // 2. All of them in one value, those of [Coroutine] first. An equatable array compares element
        //    by element, so it is Unchanged whenever every model in it is.
        IncrementalValueProvider<EquatableArray<ParsedCoroutine>> all = plain.Collect()
            .Combine(generic.Collect())
            .Select(static (pair, _) => CoroutineGrouper.All(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.AllCoroutines);

        // 3. Grouped by containing type, one model per file. Each group is compared on its own,
        //    so a change to one type re-emits only that type's file.
        IncrementalValuesProvider<CoroutineType> types = all
            .SelectMany(static (models, _) => CoroutineGrouper.Group(models))
            .WithTrackingName(TrackingNames.CoroutineTypes);

        // 4. Text, only for groups that are new or changed.
        context.RegisterSourceOutput(types, static (output, type) =>
            output.AddSource(type.HintName, CoroutineEmitter.Emit(type)));

        // 5. The diagnostics an analyzer could not be seen for on `dotnet build` (the method keeps a
        //    compiler error, and the compiler runs no analyzer then): CORO004 for such wrong shapes,
        //    CORO008 for [Coroutine<T>] below C# 11 (the compiler's CS8773 stays whatever we emit). The
        //    model holds plain values; the compilation is joined only here, to put each on its syntax
        //    tree so that #pragma and .editorconfig apply to it. This step holds no model.
        IncrementalValueProvider<EquatableArray<GeneratorDiagnostic>> invalid = all
            .Select(static (models, _) => CoroutineGrouper.Diagnostics(models))
            .WithTrackingName(TrackingNames.InvalidCoroutines);
        context.RegisterSourceOutput(invalid.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (GeneratorDiagnostic diagnostic in pair.Left)
            {
                output.ReportDiagnostic(GeneratorDiagnosticReport.Create(diagnostic, pair.Right));
            }
        });
    }
}
