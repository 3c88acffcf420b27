namespace Coro.Tests.Runtime;

/// <summary>Coroutine.Return converts to the result type exactly as C# converts implicitly.</summary>
public class ResultConversionTests
{
    private static IEnumerable<Future> Returning(object? value)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(value);
    }

    /// <summary>The coroutine's future once it is done (it waits a turn first, so the Runner converts).</summary>
    private static Future<T> Run<T>(object? value)
    {
        Future<T>? coroutine = null;
        EventLoop.Run(() => (coroutine = Coroutine.Start<T>(Returning(value))).Settled());
        return coroutine!;
    }

    [Fact]
    public void Implicit_conversions_give_the_converted_result()
    {
        Assert.Equal(42L, Run<long>(42).Result);                 // implicit numeric
        Assert.Equal(42.0, Run<double>(42).Result);
        Assert.Equal(2.5, Run<double>(2.5f).Result);
        Assert.Equal(65, Run<int>('A').Result);
        Assert.Equal(7m, Run<decimal>((byte)7).Result);
        Assert.Equal(300UL, Run<ulong>((ushort)300).Result);
        Assert.Equal(5, Run<int?>(5).Result);                    // nullable
        Assert.Equal(5L, Run<long?>(5).Result);                  // numeric, then nullable
        Assert.Null(Run<string?>(null).Result);                  // null to a reference type
        Assert.Null(Run<int?>(null).Result);
        Assert.Equal("x", Run<object>("x").Result);              // reference
        Assert.Equal(3, Run<IComparable>(3).Result);             // boxing
        Assert.Equal("s", Run<string>("s").Result);              // identity
    }

    [Theory]
    [InlineData("42", typeof(string))]
    [InlineData(2.7, typeof(double))]
    [InlineData(5L, typeof(long))]
    [InlineData(1u, typeof(uint))]
    public void A_value_without_an_implicit_conversion_to_int_faults_with_InvalidCastException_naming_both_types(object value, Type type)
    {
        Future<int> future = Run<int>(value);

        var exception = Assert.IsType<InvalidCastException>(future.Exception);
        Assert.Contains(type.ToString(), exception.Message);
        Assert.Contains(typeof(int).ToString(), exception.Message);
    }

    [Fact]
    public void Null_for_a_value_type_and_narrowing_or_signed_to_unsigned_fault()
    {
        Assert.IsType<InvalidCastException>(Run<int>(null).Exception);
        Assert.IsType<InvalidCastException>(Run<float>(1.5).Exception);
        Assert.IsType<InvalidCastException>(Run<ulong>(-1).Exception);
        Assert.IsType<InvalidCastException>(Run<char>(65).Exception);
        Assert.IsType<InvalidCastException>(Run<string>(1).Exception);
    }
}
