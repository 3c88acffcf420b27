using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Coro.Polyfills;

/// <summary>
/// The argument guards .NET 6 and 8 added as static members, which netstandard2.1 lacks: C# 14's
/// static extension members let the runtime's code call them by the same names on both builds.
/// They throw the same exception types, with the same parameter names and messages.
/// </summary>
internal static class ArgumentGuards
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentOutOfRangeException)
    {
        public static void ThrowIfNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} ('{value}') must be a non-negative value.");
            }
        }
    }
}
