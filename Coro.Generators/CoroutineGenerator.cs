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
        // 1. Methods with attributes; those marked [Coroutine] or [Coroutine<TResult>] are turned into
        //    models at once. The candidates are found syntactically (cached per file). The transform
        //    runs again for each of them whenever the compilation changes, and hands back the model it
        //    made before for a declaration that is the same node in a compilation that declares the
        //    same things (ModelCache), so typing inside a body binds only the edited file's methods.
        //    (ForAttributeWithMetadataName, once per attribute class, bound every marked method of the
        //    compilation twice at each edit before any of this code ran.) The model is equatable and
        //    holds no symbol or syntax, so an edit that leaves every signature alone stops here as
        //    Unchanged. Wrong shapes (CoroutineShape, the check CORO004 makes) get no wrapper; the
        //    model says what can still be emitted and which CORO004 the generator reports itself.
        IncrementalValuesProvider<ParsedCoroutine?> coroutines = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is MethodDeclarationSyntax { AttributeLists.Count: > 0 },
                CoroutineParser.Parse)
            .WithTrackingName(TrackingNames.Coroutines);

        // 2. All of them in one value. A collected array compares element by element, so it is
        //    Unchanged whenever every model in it is.
        IncrementalValueProvider<ImmutableArray<ParsedCoroutine?>> all = coroutines
            .Collect()
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
        //    CORO008 for [Coroutine<T>] below C# 11 (the compiler's CS8773 stays whatever we emit). The model holds plain
        //    values; the compilation is joined only here, to put each on its syntax tree so that
        //    #pragma and .editorconfig apply to it. This step is cheap and holds no model.
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
