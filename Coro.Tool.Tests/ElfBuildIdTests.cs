using System.Runtime.InteropServices;

namespace Coro.Tool.Tests;

/// <summary>The build ID that tells whether a dump's runtime is the one installed here.</summary>
public sealed class ElfBuildIdTests
{
    [Fact]
    public void The_runtime_has_a_GNU_build_id_and_another_file_has_none()
    {
        byte[]? runtime = ElfBuildId.Read(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libcoreclr.so"));
        byte[]? managed = ElfBuildId.Read(typeof(object).Assembly.Location);

        Assert.NotNull(runtime);
        Assert.Equal(20, runtime.Length); // a SHA-1, as the GNU linker writes it
        Assert.Null(managed);
    }
}
