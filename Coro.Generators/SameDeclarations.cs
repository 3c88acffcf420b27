using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.Generators;

/// <summary>
/// Whether two compilations declare the same things: the same options and references, and the same
/// syntax trees, or trees that differ only inside bodies (member bodies and the initializers of fields
/// that are not const, as <see cref="SyntaxTree.IsEquivalentTo"/> with <c>topLevel</c> compares them)
/// and keep their preprocessor directives where they were. A coroutine's model is made of its
/// declaration and of what the compilation declares (the types its signature names, the members of its
/// types, the nullable context), never of another method's body, so a method whose syntax is the same
/// node in both compilations has the same model in both (<see cref="ModelCache"/>).
/// </summary>
internal static class SameDeclarations
{
    public static bool Of(Compilation before, Compilation after, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(before, after))
        {
            return true;
        }

        if (before.ScriptCompilationInfo is not null
            || after.ScriptCompilationInfo is not null
            || before.Language != after.Language
            || before.AssemblyName != after.AssemblyName
            || !before.Options.Equals(after.Options)
            || !before.References.SequenceEqual(after.References))
        {
            return false;
        }

        using IEnumerator<SyntaxTree> earlier = before.SyntaxTrees.GetEnumerator();
        using IEnumerator<SyntaxTree> later = after.SyntaxTrees.GetEnumerator();
        while (true)
        {
            bool more = earlier.MoveNext();
            if (more != later.MoveNext())
            {
                return false;
            }

            if (!more)
            {
                return true;
            }

            if (!SameTree(earlier.Current, later.Current, cancellationToken))
            {
                return false;
            }
        }
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
    /// trivia, but a <c>#nullable</c> moved past a declaration changes that declaration's types.
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
