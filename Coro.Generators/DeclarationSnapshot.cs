using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.Generators;

/// <summary>
/// What a compilation declares, kept to tell whether a later compilation declares the same things: the
/// same options and references, and the same syntax trees, or trees that differ only inside bodies
/// (member bodies and the initializers of fields that are not const, as
/// <see cref="SyntaxTree.IsEquivalentTo"/> with <c>topLevel</c> compares them) and keep their
/// preprocessor directives where they were. A coroutine's model is made of its declaration and of what
/// the compilation declares (the types its signature names, the members of its types, the nullable
/// context), never of another method's body, so a method whose syntax is the same node in both
/// compilations has the same model in both (<see cref="ModelCache"/>).
/// </summary>
/// <remarks>
/// The compilation itself is not kept, and a weak reference to it is not enough: whoever edits drops the
/// compilation before the edit once it has the next one, and a collection in between takes it (under
/// BenchmarkDotNet, every time). The trees are kept (all but the edited ones are the next compilation's
/// own), the references only weakly: a reference that died cannot be the next compilation's.
/// </remarks>
internal sealed class DeclarationSnapshot
{
    private readonly string? _assemblyName;
    private readonly CompilationOptions _options;
    private readonly WeakReference<MetadataReference>[] _references;
    private readonly SyntaxTree[] _trees;

    private DeclarationSnapshot(Compilation compilation, WeakReference<MetadataReference>[] references)
    {
        _assemblyName = compilation.AssemblyName;
        _options = compilation.Options;
        _references = references;
        _trees = compilation.SyntaxTrees.ToArray();
    }

    public static DeclarationSnapshot Of(Compilation compilation) =>
        new(compilation, compilation.References.Select(static r => new WeakReference<MetadataReference>(r)).ToArray());

    /// <summary>The snapshot of a compilation this one <see cref="Matches"/>: the references are the
    /// same objects, so their weak references are shared rather than made again at every edit.</summary>
    public DeclarationSnapshot Next(Compilation compilation) => new(compilation, _references);

    /// <summary>True when <paramref name="compilation"/> declares what the snapshot's compilation did.</summary>
    public bool Matches(Compilation compilation, CancellationToken cancellationToken)
    {
        if (compilation.ScriptCompilationInfo is not null
            || compilation.AssemblyName != _assemblyName
            || !compilation.Options.Equals(_options))
        {
            return false;
        }

        int index = 0;
        foreach (MetadataReference reference in compilation.References)
        {
            if (index >= _references.Length
                || !_references[index++].TryGetTarget(out MetadataReference? kept)
                || !ReferenceEquals(kept, reference))
            {
                return false;
            }
        }

        if (index != _references.Length)
        {
            return false;
        }

        index = 0;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (index >= _trees.Length || !SameTree(_trees[index++], tree, cancellationToken))
            {
                return false;
            }
        }

        return index == _trees.Length;
    }

    private static bool SameTree(SyntaxTree before, SyntaxTree after, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(before, after))
        {
            return true;
        }

        if (before.FilePath != after.FilePath || !before.Options.Equals(after.Options))
        {
            return false;
        }

        SyntaxNode earlier = before.GetRoot(cancellationToken);
        SyntaxNode later = after.GetRoot(cancellationToken);
        return earlier.IsEquivalentTo(later, topLevel: true)
            && DirectivePlaces(earlier).SequenceEqual(DirectivePlaces(later));
    }

    /// <summary>
    /// Each directive with the number of top-level tokens before it. The top-level comparison ignores
    /// trivia but for <c>#nullable</c>; <c>#if</c> and <c>#define</c> show in the tokens, and the
    /// others act by where they are too: a <c>#pragma warning</c> moved past a declaration decides
    /// whether a warning made an error there counts (<see cref="CoroutineShape.ReportedByGenerator"/>).
    /// A body counts as the place between the tokens around it: a directive inside it acts on what
    /// follows the body just as one after it does. Counting the tokens of field initializers, which the
    /// comparison skips, can only make two trees differ that are the same, never the other way.
    /// </summary>
    private static List<(int Place, string Text)> DirectivePlaces(SyntaxNode root)
    {
        var places = new List<(int, string)>();
        if (!root.ContainsDirectives)
        {
            return places;
        }

        int place = 0;
        foreach (SyntaxNodeOrToken item in root.DescendantNodesAndTokens(static node => !IsBody(node)))
        {
            if (item.IsToken)
            {
                SyntaxToken token = item.AsToken();
                if (token.ContainsDirectives)
                {
                    foreach (SyntaxTrivia trivia in token.LeadingTrivia)
                    {
                        if (trivia.IsDirective)
                        {
                            places.Add((place, trivia.ToString()));
                        }
                    }
                }

                place++;
            }
            else if (item.AsNode() is { ContainsDirectives: true } node && IsBody(node))
            {
                foreach (SyntaxTrivia trivia in node.DescendantTrivia())
                {
                    if (trivia.IsDirective)
                    {
                        places.Add((place, trivia.ToString()));
                    }
                }
            }
        }

        return places;
    }

    private static bool IsBody(SyntaxNode node) => node is BlockSyntax or ArrowExpressionClauseSyntax;
}
