using Microsoft.Diagnostics.Runtime;

namespace Coro.Tool;

/// <summary>
/// What a future in the target stands for and what it waits on: Coro's <c>Future.Description</c>
/// and <c>Future.Dependencies</c> (each override in the runtime has its case here), read from the
/// future's fields, so the words are the ones <c>DescribeCoroutines</c> prints.
/// </summary>
internal static class FutureReader
{
    public static bool IsCoroutine(ClrObject future) => Is(future, RuntimeLayout.RunnerType);

    public static string Describe(ClrObject future)
    {
        if (future.IsNull)
        {
            return "Future";
        }

        string type = future.Type?.Name ?? "";
        if (Is(future, RuntimeLayout.RunnerType))
        {
            return TypeNames.CoroutineName(Fields.Object(future, RuntimeLayout.RunnerBody).Type?.Name);
        }

        if (Is(future, RuntimeLayout.SleepType))
        {
            return $"Sleep {Fields.TimeSpan(future, RuntimeLayout.SleepDelay)}";
        }

        if (Is(future, RuntimeLayout.TimeoutType))
        {
            return $"WithTimeout {Fields.TimeSpan(future, RuntimeLayout.TimeoutTimeout)} of {Describe(Fields.Object(future, RuntimeLayout.TimeoutInner))}";
        }

        if (Is(future, RuntimeLayout.SettledType))
        {
            return $"Settled of {Describe(Fields.Object(future, RuntimeLayout.SettledInner))}";
        }

        if (Is(future, RuntimeLayout.AllType))
        {
            return $"Future.All of {Count(Fields.Object(future, RuntimeLayout.AllChildren))}";
        }

        if (Is(future, RuntimeLayout.AnyType))
        {
            return $"Future.Any of {Count(Fields.Object(future, RuntimeLayout.AnyChildren))}";
        }

        if (Is(future, RuntimeLayout.ProjectedAllType))
        {
            string? combinator = Fields.Object(future, RuntimeLayout.ProjectedCombinator).AsString();
            return $"{combinator} of {Count(Fields.Object(future, RuntimeLayout.ProjectedChildren))}";
        }

        if (Is(future, RuntimeLayout.GroupType))
        {
            return $"CoroutineGroup of {RunningChildren(future).Count()} running";
        }

        if (Is(future, RuntimeLayout.SemaphorePermitType))
        {
            ClrObject semaphore = Fields.Object(future, RuntimeLayout.PermitSemaphore);
            return Fields.Object(semaphore, RuntimeLayout.SemaphoreAcquireDescription).AsString() ?? "FutureSemaphore.Acquire";
        }

        if (Is(future, RuntimeLayout.QueueGetType))
        {
            return QueueMemberName(Fields.Object(future, RuntimeLayout.QueueGetQueue), RuntimeLayout.QueueGetName) ?? "FutureQueue.Get";
        }

        if (Is(future, RuntimeLayout.QueuePutType))
        {
            return QueueMemberName(Fields.Object(future, RuntimeLayout.QueuePutQueue), RuntimeLayout.QueuePutName) ?? "FutureQueue.Put";
        }

        foreach ((string fixedType, string description) in RuntimeLayout.FixedDescriptions)
        {
            if (TypeNames.Is(type, fixedType))
            {
                return description;
            }
        }

        return RuntimeLayout.KindDescriptions.GetValueOrDefault(KindName(future), "Future");
    }

    /// <summary>A queue's name for one of its members ("FuturePriorityQueue.Get").</summary>
    private static string? QueueMemberName(ClrObject queue, LayoutField member) =>
        Fields.Object(Fields.Object(queue, RuntimeLayout.QueueNames), member).AsString();

    /// <summary>The futures <paramref name="future"/> waits on, in Coro's order.</summary>
    public static IEnumerable<ClrObject> Dependencies(ClrObject future)
    {
        if (future.IsNull)
        {
            return [];
        }

        if (Is(future, RuntimeLayout.TimeoutType))
        {
            return [Fields.Object(future, RuntimeLayout.TimeoutInner)];
        }

        if (Is(future, RuntimeLayout.SettledType))
        {
            return [Fields.Object(future, RuntimeLayout.SettledInner)];
        }

        if (Is(future, RuntimeLayout.AllType))
        {
            return Fields.Elements(Fields.Object(future, RuntimeLayout.AllChildren));
        }

        if (Is(future, RuntimeLayout.AnyType))
        {
            return Fields.Elements(Fields.Object(future, RuntimeLayout.AnyChildren));
        }

        if (Is(future, RuntimeLayout.ProjectedAllType))
        {
            return Fields.Elements(Fields.Object(future, RuntimeLayout.ProjectedChildren));
        }

        return Is(future, RuntimeLayout.GroupType) ? RunningChildren(future) : [];
    }

    private static IEnumerable<ClrObject> RunningChildren(ClrObject group) =>
        Fields.ListElements(Fields.Object(group, RuntimeLayout.GroupChildren))
            .Where(child => Fields.Value<int>(child, RuntimeLayout.FutureState) <= RuntimeLayout.FutureStateCompleting);

    private static string KindName(ClrObject future)
    {
        ClrInstanceField? kind = future.Type?.GetFieldByName(RuntimeLayout.FutureKind.Name);
        if (kind?.Type is not { IsEnum: true } kindType)
        {
            return "";
        }

        byte value = future.ReadField<byte>(kind.Name!);
        return kindType.AsEnum().EnumerateValues().FirstOrDefault(entry => Convert.ToInt64(entry.Value, System.Globalization.CultureInfo.InvariantCulture) == value).Name ?? "";
    }

    private static int Count(ClrObject array) => array.IsNull ? 0 : array.AsArray().Length;

    /// <summary>Whether the future's type, or one of its base types, is <paramref name="metadataName"/>.</summary>
    private static bool Is(ClrObject future, string metadataName)
    {
        for (ClrType? type = future.Type; type is not null; type = type.BaseType)
        {
            if (TypeNames.Is(type.Name ?? "", metadataName))
            {
                return true;
            }
        }

        return false;
    }
}
