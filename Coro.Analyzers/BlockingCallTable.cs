using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Analyzers;

/// <summary>What CORO002's fix does for a call of the table (the analyzer checks that the call's shape allows it).</summary>
internal enum BlockingFix
{
    /// <summary>No fix of its own; an <c>Async</c> twin may still give one.</summary>
    None,

    /// <summary><c>Thread.Sleep(x);</c> → <c>yield return Coroutine.Sleep(x);</c></summary>
    Sleep,

    /// <summary><c>task.Wait();</c> → <c>yield return task;</c></summary>
    YieldReceiver,
}

/// <summary>A row of CORO002's table: a method of a type, and what to yield instead of calling it.</summary>
internal sealed class BlockingCall
{
    /// <summary>An excluded call: neither reported nor looked up for an <c>Async</c> twin.</summary>
    public static readonly BlockingCall NotBlocking = new(string.Empty, string.Empty, null);

    public BlockingCall(string type, string member, string? advice, BlockingFix fix = BlockingFix.None)
    {
        Type = type;
        Member = member;
        Advice = advice;
        Fix = fix;
    }

    /// <summary>The type's metadata name.</summary>
    public string Type { get; }

    /// <summary>The name of the methods (every overload).</summary>
    public string Member { get; }

    /// <summary>The end of CORO002's message, what to yield instead; null for a call that is not blocking.</summary>
    public string? Advice { get; }

    /// <summary>The fix that applies.</summary>
    public BlockingFix Fix { get; }
}

/// <summary>
/// CORO002's blocking calls as one table: the built-in rows below, then the users' additions and
/// exclusions (<see cref="BlockingCallList"/>), resolved to symbols once per compilation so that each
/// invocation costs one dictionary lookup.
/// </summary>
internal sealed class BlockingCallTable
{
    private const string Signal = "complete a future from the signal and yield it instead";
    private const string YieldTask = "yield the task (an array of tasks waits for all) instead";

    /// <summary>The calls docs/diagnostics/CORO002.md lists, with what to yield instead.</summary>
    private static readonly BlockingCall[] s_blocking =
    [
        new("System.Threading.Thread", "Sleep", "yield return Coroutine.Sleep(...) instead", BlockingFix.Sleep),
        new("System.Threading.Thread", "Join", "yield a future that completes when the thread's work is done"),
        new("System.Threading.Tasks.Task", "Wait", YieldTask, BlockingFix.YieldReceiver),
        new("System.Threading.Tasks.Task", "WaitAll", YieldTask),
        new("System.Threading.Tasks.Task", "WaitAny", "yield Future.Any(...) of the tasks instead"),
        new("System.Threading.WaitHandle", "WaitOne", Signal),
        new("System.Threading.WaitHandle", "WaitAll", Signal),
        new("System.Threading.WaitHandle", "WaitAny", Signal),
        new("System.Threading.WaitHandle", "SignalAndWait", Signal),
        new("System.Threading.Monitor", "Wait", Signal),
        new("System.Threading.ManualResetEventSlim", "Wait", Signal),
        new("System.Threading.SemaphoreSlim", "Wait", "yield WaitAsync() instead"),
        new("Coro.EventLoop", "Run", "a coroutine already runs on a loop: yield the future instead of running a nested loop"),
    ];

    /// <summary>
    /// Calls whose <c>Async</c> twin exists for another reason than blocking, so the twin lookup would
    /// be noise on idiomatic code: <c>CancellationTokenSource.Cancel</c> (its twin only runs the
    /// callbacks elsewhere) and <c>TextWriter.Write</c>/<c>WriteLine</c> (buffered: console output and
    /// logs; the flush is what waits).
    /// </summary>
    private static readonly (string Type, string Member)[] s_notBlocking =
    [
        ("System.Threading.CancellationTokenSource", "Cancel"),
        ("System.IO.TextWriter", "Write"),
        ("System.IO.TextWriter", "WriteLine"),
    ];

    // Read-only once built, so the concurrent actions of the compilation share it without locks.
    private readonly Dictionary<IMethodSymbol, BlockingCall> _calls = new(SymbolEqualityComparer.Default);
    private readonly List<(string Path, Diagnostic Diagnostic)> _problems = [];

    private BlockingCallTable()
    {
    }

    /// <summary>True if some line of the users' files could not be read (CORO009).</summary>
    public bool HasProblems => _problems.Count > 0;

    /// <summary>Builds the table for <paramref name="compilation"/> from the built-in rows and <paramref name="files"/>.</summary>
    public static BlockingCallTable Create(Compilation compilation, ImmutableArray<AdditionalText> files, System.Threading.CancellationToken cancellationToken)
    {
        var table = new BlockingCallTable();
        foreach (BlockingCall row in s_blocking)
        {
            table.AddBuiltIn(compilation.GetTypeByMetadataName(row.Type), row.Member, row);
        }

        foreach ((string type, string member) in s_notBlocking)
        {
            table.AddBuiltIn(compilation.GetTypeByMetadataName(type), member, BlockingCall.NotBlocking);
        }

        // Additions first, so that an exclusion wins over an addition of the same call.
        table.Read(compilation, files, BlockingCallList.Kind.Added, cancellationToken);
        table.Read(compilation, files, BlockingCallList.Kind.Excluded, cancellationToken);
        return table;
    }

    /// <summary>
    /// The row of <paramref name="method"/> (or of the method it overrides), or null: a call the
    /// table does not know, for which CORO002 looks up an <c>Async</c> twin.
    /// </summary>
    public BlockingCall? Find(IMethodSymbol method)
    {
        // An override is the call it overrides (StreamWriter.Write is TextWriter.Write); the bound
        // stops a cycle that broken code might build.
        IMethodSymbol? current = method.OriginalDefinition;
        for (int depth = 0; current is not null && depth < 32; depth++)
        {
            if (_calls.TryGetValue(current, out BlockingCall? call))
            {
                return call;
            }

            current = current.OverriddenMethod?.OriginalDefinition;
        }

        return null;
    }

    /// <summary>Reports CORO009 for each line of <paramref name="file"/> that could not be read.</summary>
    public void ReportProblems(AdditionalFileAnalysisContext context)
    {
        foreach ((string path, Diagnostic diagnostic) in _problems)
        {
            if (string.Equals(path, context.AdditionalFile.Path, System.StringComparison.Ordinal))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private void AddBuiltIn(INamedTypeSymbol? type, string member, BlockingCall row)
    {
        if (type is null)
        {
            return;
        }

        foreach (ISymbol symbol in type.GetMembers(member))
        {
            if (symbol is IMethodSymbol method)
            {
                _calls[method] = row;
            }
        }
    }

    private void Read(Compilation compilation, ImmutableArray<AdditionalText> files, BlockingCallList.Kind kind, System.Threading.CancellationToken cancellationToken)
    {
        foreach (AdditionalText file in files)
        {
            if (BlockingCallList.KindOf(file.Path) != kind || file.GetText(cancellationToken) is not { } text)
            {
                continue;
            }

            string name = BlockingCallList.FileName(file.Path);
            var problems = new List<BlockingCallList.Problem>();
            foreach (BlockingCallList.Entry entry in BlockingCallList.Parse(text, kind, problems))
            {
                if (Resolve(compilation, entry, kind, name) is { } problem)
                {
                    problems.Add(new BlockingCallList.Problem(entry.Line, entry.Span, problem));
                }
            }

            foreach (BlockingCallList.Problem problem in problems)
            {
                Location location = Location.Create(file.Path, problem.Span, text.Lines.GetLinePositionSpan(problem.Span));
                _problems.Add((file.Path, Diagnostic.Create(
                    DiagnosticDescriptors.CORO009UnreadableBlockingCall,
                    location,
                    name,
                    (problem.Line + 1).ToString(CultureInfo.InvariantCulture),
                    problem.Message)));
            }
        }
    }

    /// <summary>Adds or excludes the methods <paramref name="entry"/> names; returns why it names none, or null.</summary>
    private string? Resolve(Compilation compilation, BlockingCallList.Entry entry, BlockingCallList.Kind kind, string fileName)
    {
        ImmutableArray<INamedTypeSymbol> types = compilation.GetTypesByMetadataName(entry.Type);
        if (types.IsEmpty)
        {
            return "no type '" + entry.Type + "' is known to this compilation (write its metadata name: Namespace.Outer+Inner, List`1)";
        }

        bool found = false;
        foreach (INamedTypeSymbol type in types)
        {
            foreach (ISymbol symbol in type.GetMembers(entry.Member))
            {
                if (symbol is not IMethodSymbol method)
                {
                    continue;
                }

                found = true;
                if (kind == BlockingCallList.Kind.Excluded)
                {
                    _calls[method] = BlockingCall.NotBlocking;
                    continue;
                }

                // An addition keeps the fix of a built-in row; its advice, if it gives one, replaces the row's.
                _calls.TryGetValue(method, out BlockingCall? known);
                _calls[method] = new BlockingCall(
                    entry.Type,
                    entry.Member,
                    entry.Advice ?? known?.Advice ?? "yield a future for its work instead (listed in " + fileName + ")",
                    known?.Fix ?? BlockingFix.None);
            }
        }

        return found ? null : "'" + entry.Type + "' has no method '" + entry.Member + "'";
    }
}
