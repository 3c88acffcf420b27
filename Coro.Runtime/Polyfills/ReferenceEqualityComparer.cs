using System.Collections;
using System.Runtime.CompilerServices;

namespace Coro.Polyfills;

/// <summary>
/// .NET 5's comparer by object identity, which netstandard2.1 lacks: the same contract
/// (<see cref="object.ReferenceEquals"/>, and the hash code <see cref="object.GetHashCode"/> would
/// give were it not overridden).
/// </summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>, IEqualityComparer
{
    private ReferenceEqualityComparer()
    {
    }

    public static ReferenceEqualityComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object? obj) => RuntimeHelpers.GetHashCode(obj!);
}
