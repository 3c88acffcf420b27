using System.Collections.Immutable;
using Coro.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.Generators;

/// <summary>
/// Emits, for each partial iterator method marked <c>[Coroutine]</c> or <c>[Coroutine&lt;TResult&gt;]</c>,
/// the defining declaration of the partial method and a <c>&lt;Name&gt;Async</c> wrapper that starts
/// the coroutine and returns its future. One file per containing type.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CoroutineGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Methods marked [Coroutine], turned into models at once. ForAttributeWithMetadataName
        //    finds candidates syntactically (cached per file) and re-runs the transform for each of
        //    them when the compilation changes; the model is equatable and holds no symbol or
        //    syntax, so an edit that leaves every signature alone stops here as Unchanged. Wrong
        //    shapes (CoroutineShape, the check CORO004 makes) get no wrapper; the model says what
        //    can still be emitted and which CORO004 the generator reports itself.
        IncrementalValuesProvider<ParsedCoroutine?> plain = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Coro.CoroutineAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                CoroutineParser.Parse)
            .WithTrackingName(TrackingNames.PlainCoroutines);

        // 2. The same for [Coroutine<TResult>], whose metadata name has the arity suffix.
        IncrementalValuesProvider<ParsedCoroutine?> generic = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Coro.CoroutineAttribute`1",
                static (node, _) => node is MethodDeclarationSyntax,
                CoroutineParser.Parse)
            .WithTrackingName(TrackingNames.GenericCoroutines);

        // 3. Both kinds in one value. A collected array compares element by element, so it is
        //    Unchanged whenever every model in it is.
        IncrementalValueProvider<(ImmutableArray<ParsedCoroutine?> Plain, ImmutableArray<ParsedCoroutine?> Generic)> all =
            plain.Collect()
                .Combine(generic.Collect())
                .WithTrackingName(TrackingNames.AllCoroutines);

        // 4. Grouped by containing type, one model per file. Each group is compared on its own,
        //    so a change to one type re-emits only that type's file.
        IncrementalValuesProvider<CoroutineType> types = all
            .SelectMany(static (pair, _) => CoroutineGrouper.Group(pair.Plain, pair.Generic))
            .WithTrackingName(TrackingNames.CoroutineTypes);

        // 5. Text, only for groups that are new or changed.
        context.RegisterSourceOutput(types, static (output, type) =>
            output.AddSource(type.HintName, CoroutineEmitter.Emit(type)));

        // 6. The CORO004 diagnostics the analyzer cannot be seen for on `dotnet build` (the method
        //    keeps a compiler error, and the compiler runs no analyzer then). The model holds plain
        //    values; the compilation is joined only here, to put each on its syntax tree so that
        //    #pragma and .editorconfig apply to it. This step is cheap and holds no model.
        IncrementalValueProvider<EquatableArray<InvalidCoroutine>> invalid = all
            .Select(static (pair, _) => CoroutineGrouper.Diagnostics(pair.Plain, pair.Generic))
            .WithTrackingName(TrackingNames.InvalidCoroutines);
        context.RegisterSourceOutput(invalid.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (InvalidCoroutine diagnostic in pair.Left)
            {
                output.ReportDiagnostic(InvalidCoroutineReport.Create(diagnostic, pair.Right));
            }
        });
    }
}
