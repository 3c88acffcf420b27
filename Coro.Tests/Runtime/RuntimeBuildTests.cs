using System.Reflection;
using System.Runtime.Versioning;

namespace Coro.Tests.Runtime;

/// <summary>Which build of Coro.Runtime this test run loaded: the runtime's tests run on both
/// (.ci/run runs them again with <c>-p:CoroRuntimeTarget=netstandard2.1</c>).</summary>
internal static class RuntimeBuild
{
    /// <summary><c>.NETCoreApp,Version=v10.0</c> or <c>.NETStandard,Version=v2.1</c>.</summary>
    public static string? LoadedFramework { get; } =
        typeof(Future).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

    /// <summary>The build the tests were compiled against (empty: net10.0).</summary>
    public static string? Requested { get; } = typeof(RuntimeBuild).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "CoroRuntimeTarget")
        .Value;
}

public class RuntimeBuildTests
{
    [Fact]
    public void The_loaded_Coro_Runtime_is_the_build_the_tests_were_built_against()
    {
        string expected = RuntimeBuild.Requested switch
        {
            null or "" or "net10.0" => ".NETCoreApp,Version=v10.0",
            "netstandard2.1" => ".NETStandard,Version=v2.1",
            string other => throw new InvalidOperationException($"CoroRuntimeTarget '{other}' is not a build of Coro.Runtime."),
        };

        Assert.Equal(expected, RuntimeBuild.LoadedFramework);
    }
}
