using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coro.Tests.Fuzz;

/// <summary>A corpus source cut into Roslyn's tokens, each with its trivia: joined, they give the text back.</summary>
internal sealed record FuzzSource(string Name, string Text, IReadOnlyList<string> Tokens)
{
    public static FuzzSource Create(string name, string text) =>
        new(name, text, [.. SyntaxFactory.ParseTokens(text, options: new CSharpParseOptions(LanguageVersion.Latest)).Select(t => t.ToFullString())]);
}
