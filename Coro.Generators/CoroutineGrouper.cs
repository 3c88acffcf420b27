using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Coro.Generators.Model;

namespace Coro.Generators;

/// <summary>Groups the coroutine models by containing type, one <see cref="CoroutineType"/> per file.</summary>
internal static class CoroutineGrouper
{
    /// <summary>
    /// The models of <c>[Coroutine]</c>, then those of <c>[Coroutine&lt;TResult&gt;]</c>, each in source
    /// order: the order in which the methods are sorted, so that ties come out as they always did.
    /// </summary>
    public static EquatableArray<ParsedCoroutine> All(ImmutableArray<ParsedCoroutine?> plain, ImmutableArray<ParsedCoroutine?> generic)
    {
        var all = new List<ParsedCoroutine>(plain.Length + generic.Length);
        foreach (ParsedCoroutine? parsed in plain)
        {
            if (parsed is not null)
            {
                all.Add(parsed);
            }
        }

        foreach (ParsedCoroutine? parsed in generic)
        {
            if (parsed is not null)
            {
                all.Add(parsed);
            }
        }

        return new EquatableArray<ParsedCoroutine>(all);
    }

    /// <summary>
    /// Types come out ordered by name and methods by name and signature, so the output does not
    /// depend on the order of files or of attributes; hint names are made unique ignoring case
    /// (<c>Demo.Foo</c> and <c>Demo.foo</c> would otherwise collide on a case-insensitive disk).
    /// </summary>
    public static ImmutableArray<CoroutineType> Group(EquatableArray<ParsedCoroutine> all)
    {
        var byType = new Dictionary<string, List<CoroutineMethod>>(StringComparer.Ordinal);
        foreach (ParsedCoroutine parsed in all)
        {
            if (parsed.Method is not { } method)
            {
                continue; // a wrong shape with nothing to emit
            }

            if (!byType.TryGetValue(method.TypeKey, out List<CoroutineMethod>? list))
            {
                list = new List<CoroutineMethod>();
                byType.Add(method.TypeKey, list);
            }

            list.Add(method);
        }

        var typeKeys = new List<string>(byType.Keys);
        typeKeys.Sort(StringComparer.Ordinal);

        var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ImmutableArray<CoroutineType>.Builder types = ImmutableArray.CreateBuilder<CoroutineType>(typeKeys.Count);
        foreach (string typeKey in typeKeys)
        {
            List<CoroutineMethod> methods = byType[typeKey];
            methods.Sort(static (x, y) =>
            {
                int byName = string.CompareOrdinal(x.Name, y.Name);
                return byName != 0 ? byName : string.CompareOrdinal(x.Cref, y.Cref);
            });

            CoroutineMethod first = methods[0];
            string fileName = FileSafe(first.FileName);
            string hintName = fileName + ".g.cs";
            for (int n = 2; !hintNames.Add(hintName); n++)
            {
                hintName = fileName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
            }

            types.Add(new CoroutineType(hintName, first.Namespace, first.ContainingTypes, new EquatableArray<CoroutineMethod>(methods)));
        }

        return types.MoveToImmutable();
    }

    /// <summary>The diagnostics the generator reports, in a stable order.</summary>
    public static EquatableArray<GeneratorDiagnostic> Diagnostics(EquatableArray<ParsedCoroutine> all)
    {
        var diagnostics = new List<GeneratorDiagnostic>();
        foreach (ParsedCoroutine parsed in all)
        {
            diagnostics.AddRange(parsed.Diagnostics);
        }

        diagnostics.Sort(static (x, y) =>
        {
            int byFile = string.CompareOrdinal(x.FilePath, y.FilePath);
            return byFile != 0 ? byFile : x.Span.Start.CompareTo(y.Span.Start);
        });
        return new EquatableArray<GeneratorDiagnostic>(diagnostics);
    }

    /// <summary>Letters, digits and <c>._{},</c> pass; anything else a file system might refuse becomes <c>_</c>.</summary>
    private static string FileSafe(string name)
    {
        var safe = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
        {
            safe.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '{' or '}' or ',' ? c : '_');
        }

        return safe.Length == 0 ? "_" : safe.ToString();
    }
}
