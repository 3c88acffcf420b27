using System.Collections;
using Coro;

namespace Demo
{
    namespace Nested
    {
        /// <summary>Three levels of partial types in a block namespace.</summary>
        public partial class Outer
        {
            /// <summary>The middle level.</summary>
            internal partial struct Middle
            {
                /// <summary>The inner level.</summary>
                public static partial class Inner
                {
                    /// <summary>Finishes at once with a result.</summary>
                    [Coroutine<int>]
                    internal static partial IEnumerable Answer()
                    {
                        yield return Coroutine.Return(42);
                    }
                }
            }
        }
    }
}

namespace Demo.Nested
{
    public static class Scenario
    {
        public static string Run() => EventLoop.Run(() => Outer.Middle.Inner.AnswerAsync()).ToString();
    }
}
