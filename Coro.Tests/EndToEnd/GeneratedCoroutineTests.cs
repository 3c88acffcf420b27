using System.Reflection;
using System.Runtime.Loader;
using Coro.Tests.Generators;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Every golden input, compiled with the generator, loaded, and run: its <c>Scenario.Run()</c>
/// calls the generated wrappers (inside <c>EventLoop.Run</c> where the body waits).
/// </summary>
public class GeneratedCoroutineTests
{
    public static TheoryData<string, string> Scenarios => new()
    {
        { "InstanceAndStatic", "Home 1,2,3" },
        { "GenericMethods", "2 6 null/7 Guid" },
        { "GenericResults", "back 4,4,4 9" },
        { "GenericTypes", "boxed x+1 1 String2" },
        { "NestedTypes", "42" },
        { "StructsAndRecords", "13 Hello, Coro 7 named" },
        { "GlobalNamespace", "global" },
        { "ExtensionMethods", "ababab 4" },
        {
            "DefaultValues",
            "null|say \"hi\"\\\t\n\u0001é|'|9|null|null\n"
            + "-5|-9223372036854775808|18446744073709551615|-32768|255|-128|65535|4000000000|1.50|-79228162514264337593543950335|0.1|5E-324|1E+300|NaN|Infinity|-Infinity|-Infinity|3.14159|NaN|-3.4028235E+38\n"
            + "Red|Green|Negative|42|Green|Friday|True|False|0|00000000-0000-0000-0000-000000000000|0|0\n"
            + "0|null"
        },
        { "ParamsKeywordsAndOverloads", "a-b-c 1+2+3 x&y 1:e:o fbe_ 42" },
        { "Accessibility", "21 public,internal,protected,protected internal,private protected,private" },
        { "ReturnTypes", "1 2 3 4 True 1" },
        { "Cancellation", "True,started/finally True,0 tick" },
        { "NullableAnnotations", "found null" },
        { "NullableDisabled", "old- 1" },
        { "UserDefinition", "default 2" },
        { "YieldConversions", "5 True True" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Generated_wrappers_run_the_coroutine(string shape, string expected)
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(GoldenFiles.Input(shape)));
        Assembly assembly = GeneratorHarness.Load(output, out AssemblyLoadContext context);
        try
        {
            Type scenario = assembly.GetTypes().Single(t => t.Name == "Scenario");
            object? result = scenario.GetMethod("Run")!.Invoke(null, null);
            Assert.Equal(expected, result);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Every_golden_input_has_a_scenario()
    {
        Assert.Equal(
            GoldenFiles.Shapes.Order(StringComparer.Ordinal),
            Scenarios.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }
}
