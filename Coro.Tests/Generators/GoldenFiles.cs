using System.Runtime.CompilerServices;
using System.Text;

namespace Coro.Tests.Generators;

/// <summary>
/// The golden files: inputs in <c>Generators/Inputs</c>, expected output in
/// <c>Generators/Golden/&lt;Shape&gt;/&lt;hint name&gt;</c>. A mismatch writes <c>*.received.cs</c>
/// beside the golden file and fails with a line diff; <c>CORO_ACCEPT=1</c> rewrites the golden files.
/// </summary>
internal static class GoldenFiles
{
    public static readonly string Directory = Locate();

    public static bool Accepting => Environment.GetEnvironmentVariable("CORO_ACCEPT") == "1";

    public static IEnumerable<string> Shapes =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "Inputs"), "*.cs")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal);

    public static string Input(string shape) => File.ReadAllText(Path.Combine(Directory, "Inputs", shape + ".cs"));

    /// <summary>Compares the generated files of one shape with its golden files.</summary>
    public static void Verify(string shape, IReadOnlyList<(string HintName, string Text)> generated)
    {
        string folder = Path.Combine(Directory, "Golden", shape);
        System.IO.Directory.CreateDirectory(folder);
        var failures = new StringBuilder();

        foreach ((string hintName, string text) in generated)
        {
            string golden = Path.Combine(folder, hintName);
            string received = Path.Combine(folder, Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(hintName)) + ".received.cs");
            string? expected = File.Exists(golden) ? File.ReadAllText(golden) : null;
            if (expected == text)
            {
                File.Delete(received);
                continue;
            }

            if (Accepting)
            {
                File.WriteAllText(golden, text);
                File.Delete(received);
                continue;
            }

            File.WriteAllText(received, text);
            failures.AppendLine(expected is null
                ? $"{hintName}: no golden file; the output is in {received}"
                : $"{hintName} differs from its golden file (received: {received}):\n{Diff(expected, text)}");
        }

        foreach (string golden in System.IO.Directory.GetFiles(folder, "*.g.cs"))
        {
            if (!generated.Any(g => g.HintName == Path.GetFileName(golden)))
            {
                if (Accepting)
                {
                    File.Delete(golden);
                }
                else
                {
                    failures.AppendLine($"{Path.GetFileName(golden)} was not generated");
                }
            }
        }

        Assert.True(failures.Length == 0, failures + "\nSet CORO_ACCEPT=1 to accept the new output.");
    }

    /// <summary>A short line diff: the lines around the first differences, `-` expected, `+` received.</summary>
    public static string Diff(string expected, string received)
    {
        string[] a = expected.Split('\n');
        string[] b = received.Split('\n');

        // Longest common subsequence, small files only.
        int[,] lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        int x = 0, y = 0, shown = 0;
        while ((x < a.Length || y < b.Length) && shown < 60)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                diff.AppendLine($"+{y + 1,4}: {b[y++]}");
                shown++;
            }
            else
            {
                diff.AppendLine($"-{x + 1,4}: {a[x++]}");
                shown++;
            }
        }

        return diff.ToString();
    }

    /// <summary>
    /// The source folder of this file; when the tests run away from their sources, the nearest
    /// <c>Coro.Tests/Generators</c> above the test binaries.
    /// </summary>
    private static string Locate([CallerFilePath] string path = "")
    {
        string? here = Path.GetDirectoryName(path);
        if (here is not null && System.IO.Directory.Exists(Path.Combine(here, "Inputs")))
        {
            return here;
        }

        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "Coro.Tests", "Generators");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "Inputs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Cannot find Coro.Tests/Generators/Inputs from " + path + " or " + AppContext.BaseDirectory);
    }
}
