using Coro;
using Coro.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a Coro event loop to the .NET generic host (<c>Microsoft.Extensions.Hosting</c>).</summary>
public static class CoroutineLoopServiceCollectionExtensions
{
    /// <summary>
    /// Runs one <see cref="EventLoop"/> for the host's lifetime, on a background thread of its own,
    /// with the future that <paramref name="main"/> returns as its main coroutine.
    /// </summary>
    /// <remarks>
    /// <para>When the host stops (Ctrl+C, SIGTERM, <c>StopAsync</c>), the token given to
    /// <paramref name="main"/> is cancelled and so is its future, on the loop's thread: every
    /// coroutine still suspended ends and its <c>finally</c> blocks run. The host waits for that within
    /// its shutdown timeout; a loop still blocked then is logged with the step that holds it, and does
    /// not keep the process alive.</para>
    /// <para>A main that completes stops the host. One that fails stops it too, is logged with its
    /// coroutine chain, and sets <see cref="Environment.ExitCode"/> to 1.</para>
    /// <para>Everything is logged through <see cref="ILogger"/> in the category <c>Coro</c>: a failed
    /// main, futures whose failure nobody observed (<see cref="Future.UnobservedException"/>), and,
    /// when <paramref name="options"/> set <see cref="EventLoopOptions.SlowStepThreshold"/>, every step
    /// that holds the loop that long (the options' own <see cref="EventLoopOptions.SlowStep"/>, if
    /// any, is called as well; here the threshold may be set without it).</para>
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="main">Starts the main coroutine; called once, on the loop's thread, with the
    /// host's services and a token that is cancelled when the host stops.</param>
    /// <param name="options">The loop's clock, timeout and watchdog; <see cref="EventLoopOptions"/>
    /// has <c>init</c> properties, so it is passed whole.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> set a
    /// <see cref="EventLoopOptions.SlowStep"/> callback without a
    /// <see cref="EventLoopOptions.SlowStepThreshold"/>.</exception>
    public static IServiceCollection AddCoroutineLoop(
        this IServiceCollection services,
        Func<IServiceProvider, CancellationToken, Future> main,
        EventLoopOptions? options = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (main is null)
        {
            throw new ArgumentNullException(nameof(main));
        }

        if (options is { SlowStep: not null, SlowStepThreshold: null })
        {
            throw new ArgumentException(
                "EventLoopOptions.SlowStep is called for steps longer than EventLoopOptions.SlowStepThreshold: set the threshold too.",
                nameof(options));
        }

        // A factory rather than AddHostedService<T>: nothing for a trimmer to keep by reflection.
        services.AddSingleton<IHostedService>(provider => new HostedLoop(
            main,
            options,
            provider,
            provider.GetService<ILoggerFactory>(),
            provider.GetRequiredService<IHostApplicationLifetime>()));
        return services;
    }
}
