using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coro.Generators;

/// <summary>
/// What the generator needs from Roslyn that is newer than the 4.3.1 it builds against (the version
/// Unity 6 requires of source generators). Each member gives today's answer on a newer compiler and
/// a safe one on 4.3.
/// </summary>
internal static class OlderRoslyn
{
    /// <summary>
    /// <c>SymbolDisplayMiscellaneousOptions.ExpandValueTuple</c> (1 &lt;&lt; 10, Roslyn 4.6 on): a tuple
    /// shown as <c>System.ValueTuple&lt;int, string&gt;</c> rather than <c>(int, string)</c>. A
    /// compiler that predates it ignores the bit and keeps the tuple syntax.
    /// </summary>
    public const SymbolDisplayMiscellaneousOptions ExpandValueTuple = (SymbolDisplayMiscellaneousOptions)(1 << 10);

    /// <summary><c>LanguageVersion.CSharp11</c> (1100, Roslyn 4.4 on): the first with generic attributes.</summary>
    public const LanguageVersion CSharp11 = (LanguageVersion)1100;
}
