namespace Coro;

public partial class Future
{
    /// <summary>
    /// A future whose result is the results of futures of different types, as a tuple in argument
    /// order (UniTask's <c>WhenAll</c> of two tasks):
    /// <code>Future&lt;(User, Order[])&gt; both = Future.Gather(user, orders);
    /// yield return both;
    /// var (who, what) = both.Result;</code>
    /// It is <see cref="All(Future[])"/> of the same futures in every other way: the first to fault or
    /// be cancelled ends it at once with that outcome, failures after it count as observed, and
    /// cancelling it cancels them all. (Its name is not <c>All</c> so that <c>All(a, b)</c> of two
    /// <see cref="Future{T}"/> of one type keeps its <c>T[]</c> result.)
    /// </summary>
    public static Future<(T1, T2)> Gather<T1, T2>(Future<T1> first, Future<T2> second) =>
        Gather([first, second], static f => (R<T1>(f, 0), R<T2>(f, 1)));

    /// <inheritdoc cref="Gather{T1, T2}(Future{T1}, Future{T2})"/>
    public static Future<(T1, T2, T3)> Gather<T1, T2, T3>(Future<T1> first, Future<T2> second, Future<T3> third) =>
        Gather([first, second, third], static f => (R<T1>(f, 0), R<T2>(f, 1), R<T3>(f, 2)));

    /// <inheritdoc cref="Gather{T1, T2}(Future{T1}, Future{T2})"/>
    public static Future<(T1, T2, T3, T4)> Gather<T1, T2, T3, T4>(
        Future<T1> first, Future<T2> second, Future<T3> third, Future<T4> fourth) =>
        Gather([first, second, third, fourth], static f => (R<T1>(f, 0), R<T2>(f, 1), R<T3>(f, 2), R<T4>(f, 3)));

    /// <inheritdoc cref="Gather{T1, T2}(Future{T1}, Future{T2})"/>
    public static Future<(T1, T2, T3, T4, T5)> Gather<T1, T2, T3, T4, T5>(
        Future<T1> first, Future<T2> second, Future<T3> third, Future<T4> fourth, Future<T5> fifth) =>
        Gather([first, second, third, fourth, fifth], static f => (R<T1>(f, 0), R<T2>(f, 1), R<T3>(f, 2), R<T4>(f, 3), R<T5>(f, 4)));

    /// <inheritdoc cref="Gather{T1, T2}(Future{T1}, Future{T2})"/>
    public static Future<(T1, T2, T3, T4, T5, T6)> Gather<T1, T2, T3, T4, T5, T6>(
        Future<T1> first, Future<T2> second, Future<T3> third, Future<T4> fourth, Future<T5> fifth, Future<T6> sixth) =>
        Gather(
            [first, second, third, fourth, fifth, sixth],
            static f => (R<T1>(f, 0), R<T2>(f, 1), R<T3>(f, 2), R<T4>(f, 3), R<T5>(f, 4), R<T6>(f, 5)));

    /// <inheritdoc cref="Gather{T1, T2}(Future{T1}, Future{T2})"/>
    public static Future<(T1, T2, T3, T4, T5, T6, T7)> Gather<T1, T2, T3, T4, T5, T6, T7>(
        Future<T1> first, Future<T2> second, Future<T3> third, Future<T4> fourth, Future<T5> fifth, Future<T6> sixth, Future<T7> seventh) =>
        Gather(
            [first, second, third, fourth, fifth, sixth, seventh],
            static f => (R<T1>(f, 0), R<T2>(f, 1), R<T3>(f, 2), R<T4>(f, 3), R<T5>(f, 4), R<T6>(f, 5), R<T7>(f, 6)));

    // Every arity shares this core; each passes only its tuple projection, a static lambda that is
    // made once per instantiation, so a Gather allocates the array and the future and nothing more.
    private static ProjectedAllFuture<TTuple> Gather<TTuple>(Future[] futures, Func<Future[], TTuple> project)
    {
        for (int i = 0; i < futures.Length; i++)
        {
            if (futures[i] is null)
            {
                throw new ArgumentNullException(s_gatherParameters[i], "Gather needs a future in every argument; got null.");
            }
        }

        return new ProjectedAllFuture<TTuple>("Future.Gather", futures, project);
    }

    private static readonly string[] s_gatherParameters = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"];

    /// <summary>The result of the <paramref name="index"/>-th future, which has succeeded.</summary>
    private static T R<T>(Future[] futures, int index) => ((Future<T>)futures[index]).ResultUnchecked;
}
