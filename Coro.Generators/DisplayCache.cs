using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Coro.Generators;

/// <summary>
/// Display strings of symbols, computed once per symbol. <c>ToDisplayString</c> was half of the
/// parser's time, and when every method is parsed (the first run, or an edit outside bodies) the same
/// types (<c>int</c>, the containing type, <c>Future</c>) come up again and again within one
/// compilation. Keyed weakly on the symbol, so nothing outlives its compilation.
/// </summary>
internal sealed class DisplayCache
{
    private readonly SymbolDisplayFormat _format;
    private readonly ConditionalWeakTable<ISymbol, string> _strings = new();
    private readonly ConditionalWeakTable<ISymbol, string>.CreateValueCallback _create;

    public DisplayCache(SymbolDisplayFormat format)
    {
        _format = format;
        _create = symbol => symbol.ToDisplayString(_format);
    }

    public string Of(ISymbol symbol) => _strings.GetValue(symbol, _create);
}
