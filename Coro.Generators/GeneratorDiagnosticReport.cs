using System.Collections.Immutable;
using System.Linq;
using Coro.Analyzers;
using Coro.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Coro.Generators;

/// <summary>Turns a <see cref="GeneratorDiagnostic"/> back into the diagnostic it stands for.</summary>
internal static class GeneratorDiagnosticReport
{
    /// <summary>The property the CORO004 fix looks for (the analyzer's own name for it).</summary>
    public const string AddPartialProperty = "AddPartial";

    public static Diagnostic Create(GeneratorDiagnostic reported, Compilation compilation)
    {
        Location location = Location.Create(reported.FilePath, reported.Span, reported.LineSpan);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == reported.FilePath && tree.Length >= reported.Span.End)
            {
                location = Location.Create(tree, reported.Span);
                break;
            }
        }

        return Diagnostic.Create(
            reported.Id == DiagnosticDescriptors.CORO008GenericAttributeNeedsCSharp11.Id
                ? DiagnosticDescriptors.CORO008GenericAttributeNeedsCSharp11
                : DiagnosticDescriptors.CORO004InvalidCoroutine,
            location,
            reported.AddPartial ? ImmutableDictionary<string, string?>.Empty.Add(AddPartialProperty, "true") : ImmutableDictionary<string, string?>.Empty,
            reported.MessageArguments.ToArray<object>());
    }
}
