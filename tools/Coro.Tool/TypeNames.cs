namespace Coro.Tool;

/// <summary>Type names as ClrMD gives them (<c>Coro.Runner&lt;System.Int32&gt;</c>,
/// <c>App+&lt;Worker&gt;d__3</c>) compared with <see cref="RuntimeLayout"/>'s metadata names
/// (<c>Coro.Runner`1</c>), and coroutine names made from them as Coro's <c>CoroutineName</c> does.</summary>
internal static class TypeNames
{
    /// <summary>The name without generic arguments or arity: <c>Coro.Runner</c> for both
    /// <c>Coro.Runner&lt;System.Int32&gt;</c> and <c>Coro.Runner`1</c>. The compiler's names
    /// (<c>&lt;Worker&gt;d__3</c>) keep their brackets: a generic argument list follows a name's
    /// last character, a compiler name starts a name.</summary>
    public static string Open(string name)
    {
        var open = new System.Text.StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '`')
            {
                while (i + 1 < name.Length && char.IsAsciiDigit(name[i + 1]))
                {
                    i++;
                }

                continue;
            }

            if (c == '<' && i > 0 && (char.IsAsciiLetterOrDigit(name[i - 1]) || name[i - 1] == '_'))
            {
                i = ClosingBracket(name, i);
                continue;
            }

            open.Append(c);
        }

        return open.ToString();
    }

    public static bool Is(string clrName, string metadataName) => Open(clrName) == Open(metadataName);

    /// <summary>A coroutine's name from its body's type, as Coro's <c>CoroutineName.Of</c> makes it
    /// from <c>Type.Name</c> and <c>Type.DeclaringType</c>: <c>App.Worker</c> for
    /// <c>Ns.App+&lt;Worker&gt;d__3</c>, <c>App.Local</c> for a local function's
    /// <c>&lt;&lt;Outer&gt;g__Local|0_0&gt;d</c>, the owner's closure classes skipped.</summary>
    public static string CoroutineName(string? clrName)
    {
        if (clrName is null)
        {
            return "(unknown)";
        }

        List<string> nesting = SplitNested(Open(clrName));
        string name = nesting[^1];
        int ownerIndex = nesting.Count - 2;
        while (ownerIndex > 0 && nesting[ownerIndex].StartsWith('<'))
        {
            ownerIndex--; // a local function that captures sits in a closure class
        }

        string? owner = ownerIndex >= 0 ? nesting[ownerIndex] : null;
        if (ownerIndex == 0 && owner is not null)
        {
            owner = owner[(owner.LastIndexOf('.') + 1)..]; // the outermost type carries the namespace
        }

        return global::Coro.CoroutineName.FromIteratorName(owner, name) ?? clrName;
    }

    /// <summary>Splits at the <c>+</c> of nested types (never inside brackets).</summary>
    private static List<string> SplitNested(string name)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < name.Length; i++)
        {
            switch (name[i])
            {
                case '<': depth++; break;
                case '>': depth--; break;
                case '+' when depth == 0:
                    parts.Add(name[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(name[start..]);
        return parts;
    }

    private static int ClosingBracket(string name, int open)
    {
        int depth = 0;
        for (int i = open; i < name.Length; i++)
        {
            if (name[i] == '<')
            {
                depth++;
            }
            else if (name[i] == '>' && --depth == 0)
            {
                return i;
            }
        }

        return name.Length - 1;
    }
}
