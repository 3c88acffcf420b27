using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coro.Hosting.Tests;

/// <summary>
/// Small services for the child-process tests (<see cref="ShutdownTests"/>): a generic host with the
/// console logger (one line per entry) and a Coro loop, as a user writes one.
/// </summary>
internal static partial class HostScenarios
{
    /// <summary>Written to stdout once every coroutine of <see cref="Suspended"/> waits in its try block.</summary>
    public const string Ready = "scenario: ready";

    /// <summary>The program: builds the host for the scenario named in <paramref name="args"/>, runs it
    /// until it stops, and leaves the exit code to <see cref="Environment.ExitCode"/>.</summary>
    public static async Task RunAsync(string[] args)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        switch (args)
        {
            case ["suspended"]:
                builder.Services.AddCoroutineLoop((services, stopping) =>
                    new Suspended(services.GetRequiredService<ILoggerFactory>().CreateLogger("Scenario")).MainAsync());
                break;
            case ["failing"]:
                builder.Services.AddCoroutineLoop((services, stopping) => new Failing().OuterAsync());
                break;
            default:
                throw new ArgumentException($"unknown scenario: {string.Join(' ', args)}");
        }

        using IHost host = builder.Build();
        await host.RunAsync();
    }

    /// <summary>
    /// Coroutines suspended in try/finally, three deep under main and one that nobody waits for: each
    /// finally logs its name, so the order in which the host's stop ended them can be read.
    /// </summary>
    private sealed partial class Suspended(ILogger log)
    {
        [Coroutine]
        public partial IEnumerable<Future> Main()
        {
            Future detached = DetachedAsync(); // nobody yields it: the loop's close ends it
            try
            {
                Future middle = MiddleAsync();
                Console.WriteLine(Ready);
                yield return middle;
            }
            finally
            {
                log.LogInformation("finally: main");
                GC.KeepAlive(detached);
            }
        }

        [Coroutine]
        private partial IEnumerable<Future> Middle()
        {
            try
            {
                yield return InnerAsync();
            }
            finally
            {
                log.LogInformation("finally: middle");
            }
        }

        [Coroutine]
        private partial IEnumerable<Future> Inner()
        {
            try
            {
                yield return Coroutine.Sleep(TimeSpan.FromHours(1));
            }
            finally
            {
                log.LogInformation("finally: inner");
            }
        }

        [Coroutine]
        private partial IEnumerable<Future> Detached()
        {
            try
            {
                yield return Coroutine.Sleep(TimeSpan.FromHours(1));
            }
            finally
            {
                log.LogInformation("finally: detached");
            }
        }
    }

    /// <summary>A main whose innermost coroutine fails after one loop turn.</summary>
    private sealed partial class Failing
    {
        [Coroutine]
        public partial IEnumerable<Future> Outer()
        {
            yield return MiddleAsync();
        }

        [Coroutine]
        private partial IEnumerable<Future> Middle()
        {
            yield return InnerAsync();
        }

        [Coroutine]
        private partial IEnumerable<Future> Inner()
        {
            yield return Coroutine.Moment;
            throw new InvalidOperationException("the disk is full");
        }
    }
}
