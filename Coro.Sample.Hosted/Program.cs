using Coro;
using Coro.Sample;
using Coro.Sample.Hosted;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Coro.Sample's spider as a service of the .NET generic host: it crawls the built-in local site (or
// --url) every --interval seconds, --rounds times (0: until Ctrl+C or SIGTERM), and logs through the
// console logger. Stopping the host cancels the crawl; every finally block runs.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss ";
});

CrawlSettings settings = CrawlSettings.From(builder.Configuration);
builder.Services.AddSingleton(_ => LocalSite.Start(new SiteMap())); // disposed with the host
builder.Services.AddSingleton(_ => new HttpClient { Timeout = Timeout.InfiniteTimeSpan }); // each fetch has its own limit
builder.Services.AddCoroutineLoop(
    (services, stopping) =>
    {
        Uri start = settings.Url ?? services.GetRequiredService<LocalSite>().StartUrl;
        var crawler = new CrawlService(
            services.GetRequiredService<HttpClient>(),
            start,
            settings,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<CrawlService>());
        return crawler.RunAsync();
    },
    new EventLoopOptions { SlowStepThreshold = TimeSpan.FromMilliseconds(100) }); // log steps that hold the loop

using IHost host = builder.Build();
await host.RunAsync();
