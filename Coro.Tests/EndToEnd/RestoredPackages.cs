using System.Text.Json;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Fills a local folder feed with what a project depends on, from its own restore: the feed then
/// serves a package and its dependencies and nothing else, as a user's would. Coro.Tool.Tests links
/// this file.
/// </summary>
internal static class RestoredPackages
{
    /// <summary>Copies every package in <paramref name="assetsFile"/> (a project's
    /// <c>obj/project.assets.json</c>) from the NuGet cache into <paramref name="feed"/>.</summary>
    public static void CopyTo(string assetsFile, string feed)
    {
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        string packages = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        foreach (JsonProperty library in assets.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() == "package")
            {
                string path = library.Value.GetProperty("path").GetString()!;
                string nupkg = path.Replace('/', '.') + ".nupkg";
                File.Copy(Path.Combine(packages, path, nupkg), Path.Combine(feed, nupkg), overwrite: true);
            }
        }
    }
}
