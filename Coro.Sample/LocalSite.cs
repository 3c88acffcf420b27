using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coro.Sample;

/// <summary>
/// Serves a <see cref="SiteMap"/> on 127.0.0.1 with <see cref="HttpListener"/>, on a free port, so the
/// spider has something to crawl on a machine without network. Each page answers after a few
/// milliseconds, as a real server would; the slow page takes <c>slowPageDelay</c>.
/// </summary>
/// <remarks>Requests are served on thread-pool threads, independently of the spider's event loop:
/// the site plays the part of a remote server.</remarks>
internal sealed class LocalSite : IDisposable
{
    private readonly HttpListener _listener;
    private readonly SiteMap _site;
    private readonly TimeSpan _slowPageDelay;
    private readonly Task _acceptLoop;

    private LocalSite(HttpListener listener, Uri root, SiteMap site, TimeSpan slowPageDelay)
    {
        _listener = listener;
        _site = site;
        _slowPageDelay = slowPageDelay;
        Root = root;
        _acceptLoop = Task.Run(AcceptAsync);
    }

    /// <summary>The site's root, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; }

    /// <summary>Where a crawl of this site starts.</summary>
    public Uri StartUrl => new(Root, SiteMap.StartPath);

    public SiteMap Site => _site;

    /// <summary>Starts serving <paramref name="site"/> on a free port of 127.0.0.1.</summary>
    public static LocalSite Start(SiteMap site, TimeSpan? slowPageDelay = null)
    {
        // HttpListener cannot pick a port itself: ask the OS for a free one, and try again should
        // another process take it in between.
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            var root = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(root.ToString());
            try
            {
                listener.Start();
                return new LocalSite(listener, root, site, slowPageDelay ?? TimeSpan.FromSeconds(2));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            string path = context.Request.Url?.AbsolutePath ?? "/";

            // A few milliseconds of "server time", the same for a page on every run.
            int latency = 2 + (int)(StableHash(path) % 7);
            await Task.Delay(path == SiteMap.SlowPath ? _slowPageDelay : TimeSpan.FromMilliseconds(latency)).ConfigureAwait(false);

            if (path == SiteMap.DataPath)
            {
                await WriteAsync(response, 200, "application/json", """{"pages": "not HTML, so the spider does not parse it"}""").ConfigureAwait(false);
            }
            else if (_site.Find(path) is { } html)
            {
                await WriteAsync(response, 200, "text/html; charset=utf-8", html).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(response, 404, "text/html; charset=utf-8", "<html><body><h1>404 Not Found</h1></body></html>").ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away (a fetch that timed out) or the site is shutting down.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or IOException)
            {
            }
        }
    }

    private static uint StableHash(string text)
    {
        uint hash = 2166136261; // FNV-1a: string.GetHashCode changes from run to run
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
