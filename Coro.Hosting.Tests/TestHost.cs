using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coro.Hosting.Tests;

/// <summary>
/// A generic host in the test process, its log collected: no console, no configuration files, and a
/// lifetime that listens to no signal (the test process's Ctrl+C is not the host's).
/// </summary>
internal static class TestHost
{
    public static IHost Build(CollectedLog log, Action<IServiceCollection> services, TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(log);
        builder.Services.AddSingleton<IHostLifetime, SilentLifetime>();
        if (shutdownTimeout is { } timeout)
        {
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        }

        services(builder.Services);
        return builder.Build();
    }

    private sealed class SilentLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
