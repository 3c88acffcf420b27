using System.Diagnostics.CodeAnalysis;

namespace Coro.Internal;

/// <summary>
/// Converts the value of <c>Coroutine.Return(value)</c> to the coroutine's result type as C# converts
/// implicitly, and no further: identity, reference and boxing conversions (the value already is a
/// <typeparamref name="TResult"/>), null to a reference or nullable type, a value to its nullable
/// form (the cast handles it: a boxed <c>int</c> unboxes to <c>int?</c>), and the implicit numeric
/// conversions (C# spec §10.2.3, the table below). <c>Return("42")</c> or <c>Return(2.7)</c> in a
/// <c>[Coroutine&lt;int&gt;]</c> do not convert; CORO005 reports them at compile time.
/// </summary>
internal static class ResultConversion<TResult>
{
    /// <summary>The numeric type (or the underlying type of a nullable one) the result converts to.</summary>
    private static readonly Type s_target = Nullable.GetUnderlyingType(typeof(TResult)) ?? typeof(TResult);

    public static bool TryConvert(object? value, [MaybeNullWhen(false)] out TResult result)
    {
        if (value is TResult direct)
        {
            result = direct;
            return true;
        }

        if (value is null)
        {
            result = default!;
            return default(TResult) is null;
        }

        if (ImplicitNumeric.TryConvert(value, s_target, out object? converted))
        {
            result = (TResult)converted;
            return true;
        }

        result = default!;
        return false;
    }
}

/// <summary>The implicit numeric conversions of C# (spec §10.2.3), as data.</summary>
internal static class ImplicitNumeric
{
    public static bool TryConvert(object value, Type target, [NotNullWhen(true)] out object? converted)
    {
        converted = value switch
        {
            sbyte v => To(target, v, shortOk: true, intOk: true, longOk: true, floatOk: true, doubleOk: true, decimalOk: true),
            byte v => target == typeof(ushort) ? (ushort)v : target == typeof(uint) ? (uint)v : target == typeof(ulong) ? (ulong)v
                : To(target, v, shortOk: true, intOk: true, longOk: true, floatOk: true, doubleOk: true, decimalOk: true),
            short v => To(target, v, shortOk: false, intOk: true, longOk: true, floatOk: true, doubleOk: true, decimalOk: true),
            ushort v => target == typeof(uint) ? (uint)v : target == typeof(ulong) ? (ulong)v
                : To(target, v, shortOk: false, intOk: true, longOk: true, floatOk: true, doubleOk: true, decimalOk: true),
            int v => To(target, v, shortOk: false, intOk: false, longOk: true, floatOk: true, doubleOk: true, decimalOk: true),
            uint v => target == typeof(ulong) ? (ulong)v
                : To(target, v, shortOk: false, intOk: false, longOk: true, floatOk: true, doubleOk: true, decimalOk: true),
            long v => To(target, v, shortOk: false, intOk: false, longOk: false, floatOk: true, doubleOk: true, decimalOk: true),
            ulong v => target == typeof(float) ? (float)v : target == typeof(double) ? (double)v : target == typeof(decimal) ? (decimal)v : null,
            char v => target == typeof(ushort) ? (ushort)v : target == typeof(uint) ? (uint)v : target == typeof(ulong) ? (ulong)v
                : To(target, v, shortOk: false, intOk: true, longOk: true, floatOk: true, doubleOk: true, decimalOk: true),
            float v => target == typeof(double) ? (double)v : null,
            _ => null,
        };
        return converted is not null;
    }

    /// <summary>A value (unsigned ones pass as long, which holds them exactly) widened to the signed and floating-point targets allowed for it.</summary>
    private static object? To(Type target, long v, bool shortOk, bool intOk, bool longOk, bool floatOk, bool doubleOk, bool decimalOk) =>
        target == typeof(short) && shortOk ? (short)v
        : target == typeof(int) && intOk ? (int)v
        : target == typeof(long) && longOk ? v
        : target == typeof(float) && floatOk ? (float)v
        : target == typeof(double) && doubleOk ? (double)v
        : target == typeof(decimal) && decimalOk ? (decimal)v
        : null;
}
