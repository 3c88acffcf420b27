using Coro;

namespace Coro.Tests.Runtime;

public class SmokeTests
{
    [Fact]
    public void Run_returns_the_result_of_main()
    {
        Assert.Equal(42, EventLoop.Run(() => Future.FromResult(42)));
    }
}
