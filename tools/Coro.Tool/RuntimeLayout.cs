namespace Coro.Tool;

/// <summary>A field the tool reads from an object of the target process, by the name the C#
/// compiler gave it. <see cref="Type"/> is the metadata name (<c>Coro.Runner`1</c>,
/// <c>Coro.FutureSemaphore+Permit</c>); <see cref="Assembly"/> the assembly that declares it.</summary>
internal sealed record LayoutField(string Assembly, string Type, string Name);

/// <summary>
/// Every type and field of Coro's runtime (and the few of .NET's and the C# compiler's) that
/// dotnet-coro reads from a target, in one table. The runtime keeps no layout for the tool: the tool
/// reads private fields by name, so a rename in Coro.Runtime breaks it silently unless this table
/// is checked, which <c>Coro.Tool.Tests/RuntimeLayoutTests</c> does by reflection against the
/// Coro.Runtime it is built with. Add every new name here, never as a literal elsewhere.
/// </summary>
internal static class RuntimeLayout
{
    public const string CoroAssembly = "Coro.Runtime";
    private const string Bcl = "System.Private.CoreLib";

    // The loop: its list of suspended coroutines, its clock, its latest turn time, its thread.
    public const string EventLoopType = "Coro.EventLoop";
    public static readonly LayoutField LoopSuspended = Coro(EventLoopType, "_suspended");
    public static readonly LayoutField LoopClock = Coro(EventLoopType, "_clock");
    public static readonly LayoutField LoopLastReading = Coro(EventLoopType, "_lastReading");
    public static readonly LayoutField LoopThreadId = Coro(EventLoopType, "_threadId");

    /// <summary>The loop's methods that wait for work: on its thread's stack, the loop is idle; any
    /// other method of the loop there means a step runs (several, in case the JIT inlines one).</summary>
    public static readonly IReadOnlyList<string> LoopWaitMethods = ["WaitForWork", "WaitInRealTime", "WaitForClock"];

    // SuspendedCoroutines: slots in segments, each an Entry (coroutine, timestamp of its suspension).
    public static readonly LayoutField SuspendedSegments = Coro("Coro.SuspendedCoroutines", "_segments");
    public static readonly LayoutField SuspendedEnd = Coro("Coro.SuspendedCoroutines", "_end");
    public static readonly LayoutField EntryCoroutine = Coro("Coro.SuspendedCoroutines+Entry", "Coroutine");
    public static readonly LayoutField EntrySuspendedAt = Coro("Coro.SuspendedCoroutines+Entry", "SuspendedAt");

    // Futures: what each kind stands for (Future.Description) and what it waits on (Dependencies).
    public const string FutureType = "Coro.Future";
    public static readonly LayoutField FutureKind = Coro(FutureType, "Kind");
    public static readonly LayoutField FutureState = Coro(FutureType, "_state");
    public const int FutureStateCompleting = 1; // Future.IsDone: the state is past Completing

    public const string RunnerType = "Coro.Runner`1";
    public static readonly LayoutField RunnerBody = Coro(RunnerType, "_body");
    public static readonly LayoutField RunnerAwaiting = Coro(RunnerType, "_awaiting");

    public const string SleepType = "Coro.SleepFuture";
    public static readonly LayoutField SleepDelay = Coro(SleepType, "_delay");
    public const string TimeoutType = "Coro.TimeoutFuture`1";
    public static readonly LayoutField TimeoutInner = Coro(TimeoutType, "_inner");
    public static readonly LayoutField TimeoutTimeout = Coro(TimeoutType, "_timeout");
    public const string SettledType = "Coro.SettledFuture";
    public static readonly LayoutField SettledInner = Coro(SettledType, "_inner");
    public const string AllType = "Coro.AllFuture`1";
    public static readonly LayoutField AllChildren = Coro(AllType, "_children");
    public const string AnyType = "Coro.AnyFuture`1";
    public static readonly LayoutField AnyChildren = Coro(AnyType, "_children");
    public const string ProjectedAllType = "Coro.ProjectedAllFuture`1";
    public static readonly LayoutField ProjectedCombinator = Coro(ProjectedAllType, "_combinator");
    public static readonly LayoutField ProjectedChildren = Coro(ProjectedAllType, "_children");
    public const string GroupType = "Coro.CoroutineGroup";
    public static readonly LayoutField GroupChildren = Coro(GroupType, "_children");
    public const string SemaphorePermitType = "Coro.FutureSemaphore+Permit";
    public static readonly LayoutField PermitSemaphore = Coro(SemaphorePermitType, "<semaphore>P");
    public static readonly LayoutField SemaphoreAcquireDescription = Coro("Coro.FutureSemaphore", "_acquireDescription");

    // A queue's waiting get or put describes itself by its queue's names ("FutureLifoQueue.Get").
    public const string QueueGetType = "Coro.QueueCore`3+PendingGet";
    public const string QueuePutType = "Coro.QueueCore`3+PendingPut";
    public static readonly LayoutField QueueGetQueue = Coro(QueueGetType, "<queue>P");
    public static readonly LayoutField QueuePutQueue = Coro(QueuePutType, "<queue>P");
    public static readonly LayoutField QueueNames = Coro("Coro.QueueCore`3", "_names");
    public static readonly LayoutField QueueGetName = Coro("Coro.QueueCore`3+MemberNames", "Get");
    public static readonly LayoutField QueuePutName = Coro("Coro.QueueCore`3+MemberNames", "Put");

    /// <summary>Futures whose description is a fixed word (their <c>Description</c> override returns
    /// a constant).</summary>
    public static readonly IReadOnlyDictionary<string, string> FixedDescriptions = new Dictionary<string, string>
    {
        ["Coro.TaskFuture`1"] = "Task",
        ["Coro.CompletionOrder+Placeholder`1"] = "Future.AsCompleted",
        ["Coro.FutureEvent+EventWaiter"] = "FutureEvent.Wait",
        ["Coro.FutureCondition+ConditionWaiter"] = "FutureCondition.Wait",
    };

    /// <summary>The <c>FutureKind</c> names whose futures describe themselves by kind
    /// (<c>Future.Description</c>'s switch); any other plain future is "Future".</summary>
    public static readonly IReadOnlyDictionary<string, string> KindDescriptions = new Dictionary<string, string>
    {
        ["Moment"] = "Moment",
        ["Return"] = "Coroutine.Return",
    };

    public const string FutureKindType = "Coro.FutureKind";

    // .NET's: a TimeSpan's ticks, a List<T>'s items, the system clock's type.
    public static readonly LayoutField TimeSpanTicks = new(Bcl, "System.TimeSpan", "_ticks");
    public static readonly LayoutField ListItems = new(Bcl, "System.Collections.Generic.List`1", "_items");
    public static readonly LayoutField ListSize = new(Bcl, "System.Collections.Generic.List`1", "_size");
    public const string SystemClockType = "System.TimeProvider+SystemTimeProvider";

    /// <summary>The C# compiler's field of an iterator: which <c>yield return</c> it is suspended at
    /// (1, 2, ...; -1 while it runs a step). Not checkable by reflection on Coro.Runtime: the tests
    /// check it on an iterator of their own.</summary>
    public const string IteratorState = "<>1__state";

    /// <summary>Every field above, for the test that fails when one no longer exists.</summary>
    public static IEnumerable<LayoutField> Fields =>
    [
        LoopSuspended, LoopClock, LoopLastReading, LoopThreadId,
        SuspendedSegments, SuspendedEnd, EntryCoroutine, EntrySuspendedAt,
        FutureKind, FutureState, RunnerBody, RunnerAwaiting,
        SleepDelay, TimeoutInner, TimeoutTimeout, SettledInner, AllChildren, AnyChildren,
        ProjectedCombinator, ProjectedChildren, GroupChildren, PermitSemaphore, SemaphoreAcquireDescription,
        QueueGetQueue, QueuePutQueue, QueueNames, QueueGetName, QueuePutName,
        TimeSpanTicks, ListItems, ListSize,
    ];

    /// <summary>Every type named above without a field of its own read, for the same test.</summary>
    public static IEnumerable<(string Assembly, string Type)> Types =>
    [
        .. FixedDescriptions.Keys.Select(type => (CoroAssembly, type)),
        (CoroAssembly, FutureKindType),
        (Bcl, SystemClockType),
    ];

    private static LayoutField Coro(string type, string name) => new(CoroAssembly, type, name);
}
