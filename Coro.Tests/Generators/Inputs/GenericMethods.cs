using System;
using System.Collections.Generic;
using Coro;

namespace Demo.Generics;

/// <summary>Generic coroutine methods with every kind of constraint.</summary>
public static partial class Collector
{
    /// <summary>Collects the items, one loop turn each.</summary>
    [Coroutine<int>]
    public static partial IEnumerable<Future> Collect<TItem, TList>(TList list, params TItem[] items)
        where TItem : notnull
        where TList : class, ICollection<TItem>, new()
    {
        foreach (TItem item in items)
        {
            list.Add(item);
            yield return Coroutine.Moment;
        }

        yield return Coroutine.Return(list.Count);
    }

    /// <summary>Sums unmanaged values.</summary>
    [Coroutine<long>]
    public static partial IEnumerator<Future> Sum<T>(IEnumerable<T> values, Func<T, long> convert)
        where T : unmanaged, IComparable<T>
    {
        long sum = 0;
        foreach (T value in values)
        {
            sum += convert(value);
            yield return Coroutine.Moment;
        }

        yield return Coroutine.Return(sum);
    }

    /// <summary>Describes a nullable class or a struct.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Describe<TClass, TStruct>(TClass? first, TStruct? second)
        where TClass : class?
        where TStruct : struct
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return($"{first?.ToString() ?? "null"}/{second?.ToString() ?? "null"}");
    }

    /// <summary>A type parameter the arguments do not mention: the wrapper passes it on explicitly.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> NameOf<T>()
    {
        yield return Coroutine.Return(typeof(T).Name);
    }
}

public static class Scenario
{
    public static string Run()
    {
        int count = EventLoop.Run(() => Collector.CollectAsync<string, List<string>>(new List<string>(), "a", "b"));
        long sum = EventLoop.Run(() => Collector.SumAsync<int>(new[] { 1, 2, 3 }, x => x));
        string described = EventLoop.Run(() => Collector.DescribeAsync<string, int>(null, 7));
        string name = EventLoop.Run(() => Collector.NameOfAsync<Guid>());
        return $"{count} {sum} {described} {name}";
    }
}
