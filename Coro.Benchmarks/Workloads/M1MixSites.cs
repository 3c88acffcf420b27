using System.Collections;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Coro.Benchmarks.Workloads;

/// <summary>
/// M1: what one call site costs when a program sends many types through it, as <c>--mixed</c> does to
/// the Runner. A step of a coroutine calls the body's <c>MoveNext</c> and <c>Current</c> through
/// <see cref="IEnumerator"/> (interface dispatch); a step of an async method calls its box's
/// <c>MoveNext</c> through a virtual method. Each pair of benchmarks runs the same site with one type
/// and with 64 (value-type instantiations of one generic, so each has its own compiled code, as 64
/// hand-written coroutines would): the difference is what the mix adds to one step at that site.
/// </summary>
[BenchmarkCategory("M1")]
public class M1MixSites
{
    private const int Calls = 64 * 1024;
    private const int Mask = 63;

    private readonly IEnumerator[] _oneIterator = new IEnumerator[Mask + 1];
    private readonly IEnumerator[] _manyIterators = new IEnumerator[Mask + 1];
    private readonly Box[] _oneBox = new Box[Mask + 1];
    private readonly Box[] _manyBoxes = new Box[Mask + 1];

    public M1MixSites()
    {
        Type[] tags = [typeof(byte), typeof(short), typeof(int), typeof(long), typeof(char), typeof(bool), typeof(float), typeof(double)];
        Type[] pairs = [.. from first in tags from second in tags select typeof(ValueTuple<,>).MakeGenericType(first, second)];
        MethodInfo endless = typeof(M1MixSites).GetMethod(nameof(Endless), BindingFlags.NonPublic | BindingFlags.Static)!;
        for (int i = 0; i <= Mask; i++)
        {
            _oneIterator[i] = Endless<byte>();
            _manyIterators[i] = (IEnumerator)endless.MakeGenericMethod(pairs[i]).Invoke(null, null)!;
            _oneBox[i] = new Box<byte>();
            _manyBoxes[i] = (Box)Activator.CreateInstance(typeof(Box<>).MakeGenericType(pairs[i]))!;
        }
    }

    // Each benchmark writes its loop out: the JIT profiles a call site per method, so a helper shared
    // by two benchmarks would see both benchmarks' types at one site.
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public object? Interface_one_type()
    {
        object? last = null;
        for (int i = 0; i < Calls; i++)
        {
            IEnumerator iterator = _oneIterator[i & Mask];
            iterator.MoveNext();
            last = iterator.Current;
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public object? Interface_64_types()
    {
        object? last = null;
        for (int i = 0; i < Calls; i++)
        {
            IEnumerator iterator = _manyIterators[i & Mask];
            iterator.MoveNext();
            last = iterator.Current;
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int Virtual_one_type()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += _oneBox[i & Mask].MoveNext();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int Virtual_64_types()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += _manyBoxes[i & Mask].MoveNext();
        }

        return sum;
    }

    private static IEnumerator Endless<TTag>()
        where TTag : struct
    {
        object boxed = default(TTag);
        while (true)
        {
            yield return boxed;
        }
    }

    /// <summary>What an async method's state machine box is to its awaiter: a virtual MoveNext.</summary>
    private abstract class Box
    {
        public abstract int MoveNext();
    }

    private sealed class Box<TTag> : Box
        where TTag : struct
    {
        private int _state;

        public override int MoveNext() => ++_state;
    }
}
