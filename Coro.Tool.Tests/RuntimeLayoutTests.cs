using System.Reflection;

namespace Coro.Tool.Tests;

/// <summary>
/// dotnet-coro reads Coro's private fields by name (<see cref="RuntimeLayout"/>); these tests fail
/// when one of them no longer exists in the Coro.Runtime this repository builds, so a rename in the
/// runtime is caught here rather than by a user whose tool stops reading.
/// </summary>
public sealed class RuntimeLayoutTests
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static TheoryData<string, string, string> Fields()
    {
        var data = new TheoryData<string, string, string>();
        foreach (LayoutField field in RuntimeLayout.Fields)
        {
            data.Add(field.Assembly, field.Type, field.Name);
        }

        return data;
    }

    public static TheoryData<string, string> Types()
    {
        var data = new TheoryData<string, string>();
        foreach ((string assembly, string type) in RuntimeLayout.Types)
        {
            data.Add(assembly, type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Every_field_the_tool_reads_exists(string assembly, string type, string name)
    {
        Type declaring = TypeIn(assembly, type);

        Assert.True(
            Hierarchy(declaring).Any(candidate => candidate.GetField(name, Instance) is not null),
            $"{type} has no field {name}: update RuntimeLayout (tools/Coro.Tool) to the runtime's new name.");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_type_the_tool_names_exists(string assembly, string type) => TypeIn(assembly, type);

    [Fact]
    public void The_loop_waits_for_work_in_the_methods_the_tool_looks_for() =>
        Assert.All(RuntimeLayout.LoopWaitMethods, name => Assert.NotNull(typeof(EventLoop).GetMethod(name, Instance)));

    [Fact]
    public void The_kinds_of_future_the_tool_describes_by_name_exist()
    {
        Type kind = TypeIn(RuntimeLayout.CoroAssembly, RuntimeLayout.FutureKindType);

        Assert.All(RuntimeLayout.KindDescriptions.Keys, name => Assert.Contains(name, Enum.GetNames(kind)));
    }

    [Fact]
    public void The_compiler_keeps_an_iterators_yield_in_the_state_field_the_tool_reads()
    {
        IEnumerator<int> iterator = Numbers().GetEnumerator();
        iterator.MoveNext();
        iterator.MoveNext();

        FieldInfo? state = iterator.GetType().GetField(RuntimeLayout.IteratorState, Instance);

        Assert.NotNull(state);
        Assert.Equal(2, state.GetValue(iterator)); // suspended at the second yield

        static IEnumerable<int> Numbers()
        {
            yield return 1;
            yield return 2;
        }
    }

    private static Type TypeIn(string assembly, string type)
    {
        Assembly loaded = assembly == RuntimeLayout.CoroAssembly ? typeof(EventLoop).Assembly : typeof(object).Assembly;
        Assert.Equal(assembly, loaded.GetName().Name);
        return loaded.GetType(type) ?? throw new Xunit.Sdk.XunitException($"{assembly} has no type {type}: update RuntimeLayout (tools/Coro.Tool).");
    }

    private static IEnumerable<Type> Hierarchy(Type type)
    {
        for (Type? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }
}
