using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace Coro.Tests.Runtime;

/// <summary>The Coro meter seen by a <see cref="MeterListener"/>, as dotnet-counters and
/// OpenTelemetry see it. Other tests may add to the same instruments meanwhile, so each test asserts
/// what its own program must at least have produced. One test forces collections, so the class runs
/// with the other collecting tests.</summary>
[Collection(nameof(UnobservedExceptionTests))]
public class MetricsTests
{
    [Fact]
    public void A_MeterListener_sees_each_loop_instrument()
    {
        using var metrics = new CoroListener();
        var clock = new FakeTimeProvider();
        var options = new EventLoopOptions { TimeProvider = clock, SlowStepThreshold = TimeSpan.FromMilliseconds(100), SlowStep = _ => { } };
        int suspendedSeen = 0;

        EventLoop.Run(() => Coroutine.Start(Main()), options);

        Assert.True(metrics.Sum("coro.coroutines.started") >= 3);
        Assert.True(metrics.Sum("coro.loop.steps") >= 4);
        Assert.True(metrics.Count("coro.loop.lag") >= 1);
        Assert.True(metrics.Sum("coro.loop.slow_steps") >= 1);
        Assert.True(suspendedSeen >= 2, $"the gauge saw {suspendedSeen} suspended coroutines");

        IEnumerable Main()
        {
            Future child = Coroutine.Start(Child());
            yield return Coroutine.Moment;
            metrics.Listener.RecordObservableInstruments(); // main and child are suspended now
            suspendedSeen = (int)metrics.Last("coro.coroutines.suspended");
            EventLoop.Current!.Post(() => clock.Advance(TimeSpan.FromSeconds(1))); // a slow step, which also wakes the child
            yield return child;
        }

        IEnumerable Child()
        {
            yield return Coroutine.Sleep(TimeSpan.FromSeconds(1));
            yield return Coroutine.Start(Empty());
        }

        IEnumerable Empty()
        {
            yield break;
        }
    }

    [Fact]
    public void A_MeterListener_sees_unobserved_failures()
    {
        using var metrics = new CoroListener();

        WeakReference dropped = DropFaulted();
        for (int i = 0; i < 5 && (dropped.IsAlive || metrics.Sum("coro.futures.unobserved") == 0); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(dropped.IsAlive);
        Assert.True(metrics.Sum("coro.futures.unobserved") >= 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference DropFaulted() => new(Future.FromException(new InvalidProgramException("never read")));

    /// <summary>Listens to every instrument of the Coro meter and keeps what they measured.</summary>
    private sealed class CoroListener : IDisposable
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _measurements = new();

        public CoroListener()
        {
            Listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Coro")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            Listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument, value));
            Listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument, value));
            Listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument, value));
            Listener.Start();
        }

        public MeterListener Listener { get; } = new();

        public double Sum(string name) => Values(name).Sum();

        public int Count(string name) => Values(name).Length;

        public double Last(string name) => Values(name).LastOrDefault();

        public void Dispose() => Listener.Dispose();

        private double[] Values(string name) => _measurements.TryGetValue(name, out var values) ? [.. values] : [];

        private void Add(Instrument instrument, double value) => _measurements.GetOrAdd(instrument.Name, _ => new()).Enqueue(value);
    }
}
