using System.Diagnostics;
using Coro;

// Placeholder main job until the spider lands: three concurrent sleeps on one loop.
var clock = Stopwatch.StartNew();
EventLoop.Run(() => Future.All(Nap(300), Nap(200), Nap(100)));
Console.WriteLine($"3 coroutines slept 300, 200 and 100 ms concurrently in {clock.ElapsedMilliseconds} ms");

Future Nap(int milliseconds) => Coroutine.Start(NapBody(milliseconds));

IEnumerable<Future> NapBody(int milliseconds)
{
    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
    Console.WriteLine($"  woke after {milliseconds} ms at {clock.ElapsedMilliseconds} ms");
}
