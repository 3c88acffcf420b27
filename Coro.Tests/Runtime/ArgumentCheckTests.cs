using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>Wrong arguments are refused at once and name the parameter, on both builds (the
/// netstandard2.1 build brings its own guards).</summary>
public class ArgumentCheckTests
{
    [Fact]
    public void A_null_argument_throws_ArgumentNullException_naming_the_parameter()
    {
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => Coroutine.Start((IEnumerable)null!)).ParamName);
        Assert.Equal("task", Assert.Throws<ArgumentNullException>(() => Future.FromTask(null!)).ParamName);
        Assert.Equal("exception", Assert.Throws<ArgumentNullException>(() => new Future().TrySetException((Exception)null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => new Future().AddDoneCallback(null!)).ParamName);
    }

    [Fact]
    public void A_negative_size_throws_ArgumentOutOfRangeException_naming_the_parameter_and_value()
    {
        var queue = Assert.Throws<ArgumentOutOfRangeException>(() => new FutureQueue<int>(-1));
        var semaphore = Assert.Throws<ArgumentOutOfRangeException>(() => new FutureSemaphore(-2));

        Assert.Equal("maxSize", queue.ParamName);
        Assert.Equal(-1, queue.ActualValue);
        Assert.Equal("limit", semaphore.ParamName);
        Assert.Equal(-2, semaphore.ActualValue);
    }
}
