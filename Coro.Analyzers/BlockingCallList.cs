using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Analyzers;

/// <summary>
/// The users' side of CORO002's table: the <c>AdditionalFiles</c> that add blocking calls
/// (<c>Coro.BlockingCalls.txt</c>) or exclude them (<c>Coro.BlockingCallsExcluded.txt</c>), read line
/// by line. Knows nothing of symbols: <see cref="BlockingCallTable"/> resolves what a line names.
/// </summary>
/// <remarks>
/// The format, as vs-threading's <c>vs-threading.SyncMethodsToExcludeFromVSTHRD103.txt</c>: one entry
/// a line, <c>[Namespace.Type]::Member</c>, the type by its metadata name (<c>Outer+Inner</c>,
/// <c>List`1</c>); a line of <c>Coro.BlockingCalls.txt</c> may end with <c>=&gt; advice</c>, what to
/// yield instead. Blank lines and lines starting with <c>#</c> are skipped.
/// </remarks>
internal static class BlockingCallList
{
    /// <summary>What a file does to the table.</summary>
    public enum Kind
    {
        /// <summary>Not one of CORO002's files.</summary>
        None,

        /// <summary>Its calls are blocking.</summary>
        Added,

        /// <summary>Its calls are never reported.</summary>
        Excluded,
    }

    /// <summary>The name an <c>AdditionalFiles</c> item must have to add calls.</summary>
    public const string AddedName = "Coro.BlockingCalls.txt";

    /// <summary>The name an <c>AdditionalFiles</c> item must have to exclude calls.</summary>
    public const string ExcludedName = "Coro.BlockingCallsExcluded.txt";

    /// <summary>
    /// The analyzer assembly's name. Unity passes an <c>Assets/**/*.additionalfile</c> to the
    /// compiler only if it is named <c>Filename.[Analyzer Name].additionalfile</c>, with no period in
    /// <c>Filename</c> (Unity Manual, "Roslyn analyzers and source generators" → "Additional files").
    /// </summary>
    private const string UnitySuffix = ".Coro.Analyzers.additionalfile";

    private const string AddedStem = "Coro.BlockingCalls";
    private const string ExcludedStem = "Coro.BlockingCallsExcluded";

    /// <summary>
    /// <see cref="Kind.Added"/> for <c>Coro.BlockingCalls.txt</c>, <c>Coro.BlockingCalls.&lt;any&gt;.txt</c>
    /// and Unity's <c>BlockingCalls.Coro.Analyzers.additionalfile</c>; <see cref="Kind.Excluded"/> for
    /// the same names with <c>BlockingCallsExcluded</c>. Case is ignored.
    /// </summary>
    public static Kind KindOf(string path)
    {
        string name = FileName(path);
        if (name.EndsWith(UnitySuffix, System.StringComparison.OrdinalIgnoreCase))
        {
            string stem = name.Substring(0, name.Length - UnitySuffix.Length);
            return Equal(stem, "BlockingCalls") ? Kind.Added : Equal(stem, "BlockingCallsExcluded") ? Kind.Excluded : Kind.None;
        }

        if (!name.EndsWith(".txt", System.StringComparison.OrdinalIgnoreCase))
        {
            return Kind.None;
        }

        string withoutExtension = name.Substring(0, name.Length - ".txt".Length);
        return Named(withoutExtension, ExcludedStem) ? Kind.Excluded : Named(withoutExtension, AddedStem) ? Kind.Added : Kind.None;
    }

    /// <summary>The file name of <paramref name="path"/>, never throwing on characters a file system rejects.</summary>
    public static string FileName(string path)
    {
        int slash = path.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    // "Coro.BlockingCalls" or "Coro.BlockingCalls.<more>", as vs-threading reads "vs-threading.TopicA.1.txt".
    private static bool Named(string name, string stem) =>
        Equal(name, stem)
        || (name.Length > stem.Length + 1
            && name.StartsWith(stem, System.StringComparison.OrdinalIgnoreCase)
            && name[stem.Length] == '.');

    private static bool Equal(string a, string b) => string.Equals(a, b, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The entries of <paramref name="text"/>; each line that is neither an entry, blank nor a
    /// comment goes to <paramref name="problems"/> with why.
    /// </summary>
    public static List<Entry> Parse(SourceText text, Kind kind, List<Problem> problems)
    {
        var entries = new List<Entry>();
        foreach (TextLine line in text.Lines)
        {
            string content = line.ToString();
            string trimmed = content.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            int start = line.Start + content.IndexOf(trimmed[0]);
            var span = new TextSpan(start, trimmed.Length);
            string? error = ParseLine(trimmed, kind, out string type, out string member, out string? advice);
            if (error is null)
            {
                entries.Add(new Entry(line.LineNumber, span, type, member, advice));
            }
            else
            {
                problems.Add(new Problem(line.LineNumber, span, error));
            }
        }

        return entries;
    }

    /// <summary>Reads one trimmed line; returns why it is not an entry, or null.</summary>
    private static string? ParseLine(string line, Kind kind, out string type, out string member, out string? advice)
    {
        const string Expected = "expected '[Namespace.Type]::Member'";
        type = member = string.Empty;
        advice = null;
        int close = line.IndexOf("]::", System.StringComparison.Ordinal);
        if (line[0] != '[' || close < 0)
        {
            return kind == Kind.Added ? Expected + ", optionally followed by '=> what to yield instead'" : Expected;
        }

        type = line.Substring(1, close - 1).Trim();
        string rest = line.Substring(close + 3);
        int arrow = rest.IndexOf("=>", System.StringComparison.Ordinal);
        member = (arrow < 0 ? rest : rest.Substring(0, arrow)).Trim();
        if (type.Length == 0 || HasSpaceOrBracket(type))
        {
            return Expected + ": the type between '[' and ']' is a metadata name such as System.Threading.Thread";
        }

        if (member.Length == 0 || HasSpaceOrBracket(member))
        {
            return Expected + ": the member after '::' is one method name such as Sleep";
        }

        if (arrow >= 0)
        {
            if (kind != Kind.Added)
            {
                return "an excluded call takes no '=> advice'";
            }

            advice = rest.Substring(arrow + 2).Trim();
            if (advice.Length == 0)
            {
                return "'=>' is followed by nothing: write what to yield instead, or leave out the '=>'";
            }
        }

        return null;
    }

    private static bool HasSpaceOrBracket(string text)
    {
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || c is '[' or ']' or ':' or '(' or ')')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One entry: a line names <see cref="Type"/>'s methods called <see cref="Member"/>.</summary>
    public sealed class Entry
    {
        public Entry(int line, TextSpan span, string type, string member, string? advice)
        {
            Line = line;
            Span = span;
            Type = type;
            Member = member;
            Advice = advice;
        }

        /// <summary>Zero-based line number.</summary>
        public int Line { get; }

        /// <summary>The entry's text, for a diagnostic if it names nothing.</summary>
        public TextSpan Span { get; }

        /// <summary>The type's metadata name.</summary>
        public string Type { get; }

        /// <summary>The method name.</summary>
        public string Member { get; }

        /// <summary>What to yield instead, or null.</summary>
        public string? Advice { get; }
    }

    /// <summary>A line that is not an entry.</summary>
    public sealed class Problem
    {
        public Problem(int line, TextSpan span, string message)
        {
            Line = line;
            Span = span;
            Message = message;
        }

        /// <summary>Zero-based line number.</summary>
        public int Line { get; }

        /// <summary>The line's text without surrounding white space.</summary>
        public TextSpan Span { get; }

        /// <summary>Why it was ignored.</summary>
        public string Message { get; }
    }
}
