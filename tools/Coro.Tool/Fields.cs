using Microsoft.Diagnostics.Runtime;

namespace Coro.Tool;

/// <summary>Reads <see cref="RuntimeLayout"/>'s fields from the target's objects. A field missing
/// from a type (a Coro.Runtime whose layout this tool does not know) is a
/// <see cref="ToolException"/> naming it, never a wrong answer.</summary>
internal static class Fields
{
    public static ClrObject Object(ClrObject owner, LayoutField field) => owner.ReadObjectField(Find(owner.Type, field).Name!);

    public static T Value<T>(ClrObject owner, LayoutField field)
        where T : unmanaged => owner.ReadField<T>(Find(owner.Type, field).Name!);

    public static T Value<T>(ClrValueType owner, LayoutField field)
        where T : unmanaged => owner.ReadField<T>(Find(owner.Type, field).Name!);

    public static ClrObject Object(ClrValueType owner, LayoutField field) => owner.ReadObjectField(Find(owner.Type, field).Name!);

    public static ClrValueType Struct(ClrObject owner, LayoutField field) => owner.ReadValueTypeField(Find(owner.Type, field));

    public static TimeSpan TimeSpan(ClrObject owner, LayoutField field) =>
        System.TimeSpan.FromTicks(Value<long>(Struct(owner, field), RuntimeLayout.TimeSpanTicks));

    /// <summary>The objects of an array of references.</summary>
    public static IEnumerable<ClrObject> Elements(ClrObject array)
    {
        if (array.IsNull)
        {
            yield break;
        }

        ClrArray elements = array.AsArray();
        for (int i = 0; i < elements.Length; i++)
        {
            yield return elements.GetObjectValue(i);
        }
    }

    /// <summary>The objects of a <c>List&lt;T&gt;</c> of references.</summary>
    public static IEnumerable<ClrObject> ListElements(ClrObject list)
    {
        if (list.IsNull)
        {
            return [];
        }

        int size = Value<int>(list, RuntimeLayout.ListSize);
        return Elements(Object(list, RuntimeLayout.ListItems)).Take(size);
    }

    private static ClrInstanceField Find(ClrType? type, LayoutField field) =>
        type?.GetFieldByName(field.Name) ?? throw new ToolException(
            $"{type?.Name ?? "(unknown type)"} has no field {field.Name}: this dotnet-coro does not know the layout of the target's " +
            $"Coro.Runtime (use the dotnet-coro of the same Coro version, or loop.DescribeCoroutines() in the program).");
}
