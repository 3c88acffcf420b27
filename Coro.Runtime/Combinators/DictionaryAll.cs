namespace Coro;

/// <summary>
/// <see cref="Future.All{TKey, T}(IReadOnlyDictionary{TKey, Future{T}})"/>, Tornado's <c>multi</c> of
/// a dict and co's yield of an object: the sequence <c>All</c> of the dictionary's futures, whose
/// results are then put back under their keys.
/// </summary>
internal static class DictionaryAll
{
    public static Future<Dictionary<TKey, T>> Of<TKey, T>(IReadOnlyDictionary<TKey, Future<T>> futures)
        where TKey : notnull
    {
        (TKey[] keys, Future[] children) = Snapshot(futures);

        // A Dictionary's comparer goes with its keys: results["a"] finds what futures["a"] found.
        IEqualityComparer<TKey>? comparer = (futures as Dictionary<TKey, Future<T>>)?.Comparer;
        return new ProjectedAllFuture<Dictionary<TKey, T>>("Future.All", children, done =>
        {
            var results = new Dictionary<TKey, T>(done.Length, comparer);
            for (int i = 0; i < done.Length; i++)
            {
                results[keys[i]] = ((Future<T>)done[i]).ResultUnchecked;
            }

            return results;
        });
    }

    public static Future Of<TKey>(IReadOnlyDictionary<TKey, Future> futures) => new AllFuture<NoResult>(Snapshot(futures).Futures);

    /// <summary>Keys and futures copied in one pass (the dictionary is enumerated exactly once), no future null.</summary>
    private static (TKey[] Keys, Future[] Futures) Snapshot<TKey, TFuture>(IReadOnlyDictionary<TKey, TFuture> futures)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        var keys = new List<TKey>(futures.Count);
        var children = new List<Future>(futures.Count);
        foreach (KeyValuePair<TKey, TFuture> pair in futures)
        {
            if (pair.Value is null)
            {
                throw new ArgumentException($"The dictionary of futures holds a null under the key '{pair.Key}'.", nameof(futures));
            }

            keys.Add(pair.Key);
            children.Add(pair.Value);
        }

        return ([.. keys], [.. children]);
    }
}
