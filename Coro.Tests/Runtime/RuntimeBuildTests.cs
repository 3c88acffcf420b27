using System.Reflection;
using System.Runtime.Versioning;

namespace Coro.Tests.Runtime;

/// <summary>The runtime's tests run on both builds of Coro.Runtime (.ci/run runs them again with
/// <c>-p:CoroRuntimeTarget=netstandard2.1</c>); this proves which one a run loaded.</summary>
public class RuntimeBuildTests
{
    [Fact]
    public void The_loaded_Coro_Runtime_is_the_build_the_tests_were_built_against()
    {
        string? requested = typeof(RuntimeBuildTests).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "CoroRuntimeTarget")
            .Value;
        string expected = requested switch
        {
            null or "" or "net10.0" => ".NETCoreApp,Version=v10.0",
            "netstandard2.1" => ".NETStandard,Version=v2.1",
            _ => throw new InvalidOperationException($"CoroRuntimeTarget '{requested}' is not a build of Coro.Runtime."),
        };

        string? loaded = typeof(Future).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

        Assert.Equal(expected, loaded);
    }
}
