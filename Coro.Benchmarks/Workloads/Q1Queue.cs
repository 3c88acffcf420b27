using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>
/// Q1: a producer coroutine puts 100,000 items into a <see cref="FutureQueue{T}"/> and a consumer
/// coroutine gets them, unbounded and bounded (64), against what a .NET user would pick: an async
/// producer and consumer on a <see cref="Channel{T}"/> (single reader, single writer), on the same
/// loop. Each side puts and gets item by item, as the idiom of each library writes it.
/// </summary>
[BenchmarkCategory("Q1")]
public class Q1Queue
{
    internal const int Items = 100_000;
    private const int Bound = 64;

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public long Channels_unbounded() => EventLoop.Run(() => Future.FromTask(ChannelPipeline(
        Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }))));

    [Benchmark(OperationsPerInvoke = Items)]
    public long Coro_unbounded() => EventLoop.Run(() => Coroutine.Start<long>(QueuePipeline(new FutureQueue<int>())));

    [Benchmark(OperationsPerInvoke = Items)]
    public long Channels_bounded() => EventLoop.Run(() => Future.FromTask(ChannelPipeline(
        Channel.CreateBounded<int>(new BoundedChannelOptions(Bound) { SingleReader = true, SingleWriter = true }))));

    [Benchmark(OperationsPerInvoke = Items)]
    public long Coro_bounded() => EventLoop.Run(() => Coroutine.Start<long>(QueuePipeline(new FutureQueue<int>(Bound))));

    private static async Task<long> ChannelPipeline(Channel<int> channel)
    {
        Task<long> consumer = Consume(channel.Reader);
        for (int i = 0; i < Items; i++)
        {
            await channel.Writer.WriteAsync(i);
        }

        return await consumer;

        static async Task<long> Consume(ChannelReader<int> reader)
        {
            long sum = 0;
            for (int i = 0; i < Items; i++)
            {
                sum += await reader.ReadAsync();
            }

            return sum;
        }
    }

    private static IEnumerable<Future> QueuePipeline(FutureQueue<int> queue)
    {
        Future<long> consumer = Coroutine.Start<long>(Consume(queue));
        for (int i = 0; i < Items; i++)
        {
            yield return queue.Put(i);
        }

        yield return consumer;
        yield return Coroutine.Return(consumer.Result);

        static IEnumerable<Future> Consume(FutureQueue<int> queue)
        {
            long sum = 0;
            for (int i = 0; i < Items; i++)
            {
                Future<int> next = queue.Get();
                yield return next;
                sum += next.Result;
            }

            yield return Coroutine.Return(sum);
        }
    }
}
