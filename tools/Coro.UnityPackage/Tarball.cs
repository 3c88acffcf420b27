using System.Formats.Tar;
using System.IO.Compression;

namespace Coro.UnityPackage;

/// <summary>
/// The package as npm packs one, which is what Unity's "Add package from tarball" reads: a gzipped tar
/// whose entries all sit under <c>package/</c>. The same files give the same bytes: entries in
/// ordinal order, no owner, and npm's fixed timestamp instead of the files' own.
/// </summary>
internal static class Tarball
{
    /// <summary>The time npm writes on every entry of a package (1985-10-26 08:15 UTC), so packing twice gives the same tarball.</summary>
    private static readonly DateTimeOffset s_timestamp = new(1985, 10, 26, 8, 15, 0, TimeSpan.Zero);

    public static void Write(string path, SortedDictionary<string, byte[]> files)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: false);
        foreach ((string name, byte[] content) in files)
        {
            // Ustar, not PAX: a PAX entry records its access and change times, which differ on every run.
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "package/" + name)
            {
                ModificationTime = s_timestamp,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                DataStream = new MemoryStream(content, writable: false),
            };
            tar.WriteEntry(entry);
        }
    }
}
