using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Coro;

namespace Demo.Defaults;

/// <summary>A plain enum.</summary>
public enum Color
{
    /// <summary>Red.</summary>
    Red,

    /// <summary>Green.</summary>
    Green = 5,

    /// <summary>Below zero.</summary>
    Negative = -1,
}

/// <summary>Default values of every constant kind.</summary>
public partial class Defaults
{
    /// <summary>Reference types, strings and chars.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Texts(
        string? none = null,
        string quoted = "say \"hi\"\\\t\n\u0001é",
        char letter = '\'',
        char tab = '\t',
        object? anything = null,
        int? maybe = null)
    {
        yield return Coroutine.Return($"{none ?? "null"}|{quoted}|{letter}|{(int)tab}|{anything ?? "null"}|{maybe?.ToString() ?? "null"}");
    }

    /// <summary>Numbers of every kind.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Numbers(
        int i = -5,
        long l = long.MinValue,
        ulong u = ulong.MaxValue,
        short s = short.MinValue,
        byte b = 255,
        sbyte sb = -128,
        ushort us = 65535,
        uint ui = 4000000000,
        decimal m = 1.50m,
        decimal big = -79228162514264337593543950335m,
        double d = 0.1,
        double tiny = double.Epsilon,
        double huge = 1e300,
        double nan = double.NaN,
        double inf = double.PositiveInfinity,
        double negInf = double.NegativeInfinity,
        double negZero = -0.0,
        float f = 3.14159f,
        float fnan = float.NaN,
        float fmin = float.MinValue)
    {
        yield return Coroutine.Return(string.Join("|", new object[] { i, l, u, s, b, sb, us, ui, m, big, d, tiny, huge, nan, inf, negInf, 1 / negZero, f, fnan, fmin }
            .Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))));
    }

    /// <summary>Enums, bools and <c>default</c>.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Others(
        Color red = Color.Red,
        Color green = Color.Green,
        Color negative = Color.Negative,
        Color unnamed = (Color)42,
        Color? maybeColor = Color.Green,
        DayOfWeek day = DayOfWeek.Friday,
        bool yes = true,
        bool no = false,
        DateTime when = default,
        Guid id = default,
        (int, string) pair = default,
        KeyValuePair<int, string> entry = default)
    {
        yield return Coroutine.Return($"{red}|{green}|{negative}|{(int)unnamed}|{maybeColor}|{day}|{yes}|{no}|{when.Ticks}|{id}|{pair.Item1}|{entry.Key}");
    }

    /// <summary>Defaults that depend on a type parameter.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Generic<T, TClass>(T value = default!, TClass? reference = null)
        where TClass : class
    {
        yield return Coroutine.Return($"{value}|{reference?.ToString() ?? "null"}");
    }
}

public static class Scenario
{
    public static string Run() =>
        EventLoop.Run(() => Defaults.TextsAsync()) + "\n"
        + EventLoop.Run(() => Defaults.NumbersAsync()) + "\n"
        + EventLoop.Run(() => Defaults.OthersAsync()) + "\n"
        + EventLoop.Run(() => Defaults.GenericAsync<int, string>());
}
