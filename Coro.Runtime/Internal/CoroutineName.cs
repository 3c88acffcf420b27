namespace Coro;

/// <summary>Names a coroutine for error messages from its body's type, so that no coroutine has to
/// carry its name around: the C# compiler names an iterator <c>&lt;Method&gt;d__N</c>, nested in
/// the method's type, and a local function's <c>&lt;&lt;Outer&gt;g__Local|N_M&gt;d</c>.</summary>
internal static class CoroutineName
{
    public static string Of(object? body)
    {
        if (body is null)
        {
            return "(unknown)";
        }

        Type type = body.GetType();
        string name = type.Name;
        Type? ownerType = type.DeclaringType;
        while (ownerType is { DeclaringType: not null } && ownerType.Name.StartsWith('<'))
        {
            ownerType = ownerType.DeclaringType; // a local function that captures sits in a closure class
        }

        string? owner = ownerType?.Name;
        if (owner is not null && owner.IndexOf('`') is var tick and >= 0)
        {
            owner = owner[..tick];
        }

        return FromIteratorName(owner, name) ?? type.FullName ?? name;
    }

    /// <summary>
    /// "Owner.Method" from the compiler's name of an iterator class (<c>&lt;Method&gt;d__N</c>, or a
    /// local function's <c>&lt;&lt;Outer&gt;g__Local|N_M&gt;d</c>) and its owner type's name, or null
    /// if the name is not one the compiler gives. dotnet-coro links this file, so that a coroutine it
    /// reads from another process is named exactly as <c>DescribeCoroutines</c> names it.
    /// </summary>
    public static string? FromIteratorName(string? owner, string name)
    {
        int close = name.LastIndexOf('>');
        if (!name.StartsWith('<') || close <= 1)
        {
            return null;
        }

        string method = name[1..close];
        int local = method.IndexOf("g__", StringComparison.Ordinal);
        if (local >= 0)
        {
            int end = method.IndexOf('|', local);
            method = method[(local + 3)..(end > 0 ? end : method.Length)];
        }

        return owner is null ? method : $"{owner}.{method}";
    }
}
