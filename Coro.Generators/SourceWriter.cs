using System.Text;

namespace Coro.Generators;

/// <summary>
/// Builds source text line by line with four-space indentation and <c>\n</c> line ends, so that the
/// output is the same on every machine.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4).Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter Line() => Line(string.Empty);

    /// <summary>Writes a preprocessor directive at the start of the line.</summary>
    public SourceWriter Directive(string text)
    {
        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents what follows.</summary>
    public SourceWriter Open()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Writes <c>}</c> one level out.</summary>
    public SourceWriter Close()
    {
        _indent--;
        return Line("}");
    }

    public override string ToString() => _builder.ToString();
}
