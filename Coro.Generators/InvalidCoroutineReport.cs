using System.Collections.Immutable;
using Coro.Analyzers;
using Coro.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Coro.Generators;

/// <summary>Turns an <see cref="InvalidCoroutine"/> back into the CORO004 the analyzer would report.</summary>
internal static class InvalidCoroutineReport
{
    /// <summary>The property the CORO004 fix looks for (the analyzer's own name for it).</summary>
    public const string AddPartialProperty = "AddPartial";

    public static Diagnostic Create(InvalidCoroutine invalid, Compilation compilation)
    {
        Location location = Location.Create(invalid.FilePath, invalid.Span, invalid.LineSpan);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == invalid.FilePath && tree.Length >= invalid.Span.End)
            {
                location = Location.Create(tree, invalid.Span);
                break;
            }
        }

        return Diagnostic.Create(
            DiagnosticDescriptors.CORO004InvalidCoroutine,
            location,
            invalid.AddPartial ? ImmutableDictionary<string, string?>.Empty.Add(AddPartialProperty, "true") : ImmutableDictionary<string, string?>.Empty,
            invalid.MethodName,
            invalid.Reason);
    }
}
