using System.Diagnostics;
using Coro;
using Coro.Tests.Simulation;

// For each planted bug: Simulation.Explore from 20 different first seeds (0, 1000, ..., 19000), how
// many schedules each needed to find the bug, their median, and the time per schedule (every
// schedule of the 20 explorations, warm). One line per bug, the columns run.sh prints for Coyote.
foreach ((string name, Func<Future> test) in PlantedBugs.All)
{
    Simulation.Explore(test, PlantedBugs.Options); // warm up: the first run pays for the JIT
    var needed = new List<int>();
    var clock = Stopwatch.StartNew();
    for (int start = 0; start < 20; start++)
    {
        SimulationReport report = Simulation.Explore(
            test,
            new SimulationOptions { FirstSeed = start * 1000, Schedules = 1000, TimerJitter = PlantedBugs.Options.TimerJitter });
        needed.Add(report.FailingSeed is null ? -1 : report.SchedulesRun);
    }

    clock.Stop();
    needed.Sort();
    double median = (needed[9] + needed[10]) / 2.0;
    double perSchedule = clock.Elapsed.TotalMicroseconds / needed.Sum();
    Console.WriteLine($"coro\t{name}\tmedian {median}\tschedules [{string.Join(",", needed)}]\t{perSchedule:F1} us/schedule");
}

// The time per schedule once warm, on lost update's shape without the bug: 1,000 schedules that all pass.
Func<Future> noBug = () => Coroutine.Start(NoBug());
Simulation.Explore(noBug, new SimulationOptions { Schedules = 100 });
var steady = Stopwatch.StartNew();
SimulationReport passed = Simulation.Explore(noBug, new SimulationOptions { Schedules = 1000 });
Console.WriteLine($"coro\tno bug, 1000 schedules\t{(passed.Passed ? "passed" : "FAILED")}\t{steady.Elapsed.TotalMicroseconds / 1000:F1} us/schedule");

static System.Collections.IEnumerable NoBug()
{
    int counter = 0;
    yield return Future.All(Coroutine.Start(IncrementAtOnce()), Coroutine.Start(IncrementAtOnce()));
    if (counter != 2)
    {
        throw new InvalidOperationException($"Lost update: the counter is {counter} after two increments.");
    }

    System.Collections.IEnumerable IncrementAtOnce()
    {
        yield return Coroutine.Moment;
        counter++;
        yield return Coroutine.Moment;
    }
}
