using Microsoft.CodeAnalysis;

namespace Coro.Analyzers;

/// <summary>Every diagnostic Coro reports (docs/design.md, "Analyzers"). IDs are stable; each has a help page.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where the help pages live: <c>docs/diagnostics/CORO0NN.md</c> in the repository
    /// (<see cref="Repository.Url"/>, the package's RepositoryUrl).</summary>
    public const string HelpLinkBase = Repository.Url + "/blob/main/docs/diagnostics/";

    private const string Category = "Coro";

    public static readonly DiagnosticDescriptor CORO001YieldNonFuture = new(
        id: "CORO001",
        title: "A coroutine yields a value that is not a future",
        messageFormat: "A coroutine cannot yield a value of type '{0}'; yield a Future, a Task, a ValueTask, an array or sequence of futures or tasks, a dictionary of futures, null, Coroutine.Moment or Coroutine.Return(value)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The Runner only understands futures, tasks, value tasks, arrays and sequences of futures or tasks, dictionaries of futures, null and Coroutine.Return; anything else faults the coroutine with BadYieldException at run time.",
        helpLinkUri: HelpLinkBase + "CORO001.md");

    public static readonly DiagnosticDescriptor CORO002BlockingCall = new(
        id: "CORO002",
        title: "A coroutine blocks the event loop",
        messageFormat: "'{0}' blocks the event loop thread; {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A coroutine runs on its event loop's only thread. A blocking call stops every other coroutine on that loop; yield a future instead.",
        helpLinkUri: HelpLinkBase + "CORO002.md");

    public static readonly DiagnosticDescriptor CORO003ResultBeforeYield = new(
        id: "CORO003",
        title: "A future's Result is read before the future was yielded",
        messageFormat: "'{0}' may not be done here: yield it before reading its result",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Future.Result never blocks: on a pending future it throws InvalidOperationException. Yield the future first, then read its result.",
        helpLinkUri: HelpLinkBase + "CORO003.md");

    public static readonly DiagnosticDescriptor CORO004InvalidCoroutine = new(
        id: "CORO004",
        title: "[Coroutine] is on a method that cannot be a coroutine body",
        messageFormat: "[Coroutine] method '{0}' {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [Coroutine] method must be a partial iterator method, not async, returning IEnumerable, IEnumerator or their generic forms, in partial types, and its wrapper name <Name>Async must be free.",
        helpLinkUri: HelpLinkBase + "CORO004.md");

    public static readonly DiagnosticDescriptor CORO005ReturnTypeMismatch = new(
        id: "CORO005",
        title: "Coroutine.Return value does not match the coroutine's result type",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The value of Coroutine.Return(value) becomes the result of the coroutine's Future<TResult>, so it must convert to the TResult of [Coroutine<TResult>].",
        helpLinkUri: HelpLinkBase + "CORO005.md");

    public static readonly DiagnosticDescriptor CORO006DiscardedFuture = new(
        id: "CORO006",
        title: "A coroutine's future is lost",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Calling a [Coroutine] body directly does not run it, and discarding the Future of its wrapper loses its failure. Yield the wrapper's future or keep it.",
        helpLinkUri: HelpLinkBase + "CORO006.md");

    public static readonly DiagnosticDescriptor CORO007UnreachableAfterReturn = new(
        id: "CORO007",
        title: "Statements after Coroutine.Return never run",
        messageFormat: "Statements after 'yield return Coroutine.Return(...)' never run: the coroutine ends there",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The Runner finishes the coroutine at the first yielded Coroutine.Return and disposes the body, so the statements that follow it in the same block never run.",
        helpLinkUri: HelpLinkBase + "CORO007.md",
        customTags: WellKnownDiagnosticTags.Unnecessary);

    /// <summary>Reported by the generator (the compiler's CS8773 stays, and with it no analyzer runs).</summary>
    public static readonly DiagnosticDescriptor CORO008GenericAttributeNeedsCSharp11 = new(
        id: "CORO008",
        title: "[Coroutine<T>] needs C# 11: write [Coroutine(ResultType = \"T\")]",
        messageFormat: "[Coroutine<{0}>] is a generic attribute, which needs C# 11, and this code is compiled as C# {1}: write [Coroutine(ResultType = \"{0}\")] instead",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Unity and other hosts compile C# 9, where generic attributes do not exist (CS8773). [Coroutine(ResultType = \"T\")] declares the same result type in a string, bound in the method's scope.",
        helpLinkUri: HelpLinkBase + "CORO008.md");

    /// <summary>Reported by CORO002's analyzer, in the additional file (Coro.BlockingCalls.txt, Coro.BlockingCallsExcluded.txt).</summary>
    public static readonly DiagnosticDescriptor CORO009UnreadableBlockingCall = new(
        id: "CORO009",
        title: "A line of Coro.BlockingCalls.txt could not be read",
        messageFormat: "Line {1} of {0} is ignored: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Coro.BlockingCalls.txt and Coro.BlockingCallsExcluded.txt (BlockingCalls.Coro.Analyzers.additionalfile and BlockingCallsExcluded.Coro.Analyzers.additionalfile under Unity) hold one '[Namespace.Type]::Method' a line, the type by its metadata name and a method it declares; CORO002 ignores a line that is not of that form or names no method of this compilation.",
        helpLinkUri: HelpLinkBase + "CORO009.md");

    /// <summary>Suppresses CS1066 on a [Coroutine] implementing declaration's parameter defaults.</summary>
    public static readonly SuppressionDescriptor CS1066OnCoroutineParameter = new(
        id: "COROSPR1066",
        suppressedDiagnosticId: "CS1066",
        justification: "The Coro generator copies the default value into the defining declaration and the <Name>Async wrapper, where it takes effect.");
}
