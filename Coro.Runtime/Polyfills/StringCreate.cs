namespace Coro.Polyfills;

/// <summary>
/// .NET 6's <c>string.Create(IFormatProvider, interpolated string)</c>, which netstandard2.1
/// lacks, as a C# 14 static extension member: the interpolated string arrives as a
/// <see cref="FormattableString"/> and is formatted with the same provider, so the text is the same;
/// only the allocations differ.
/// </summary>
internal static class StringCreate
{
    extension(string)
    {
        public static string Create(IFormatProvider? provider, FormattableString text) => text.ToString(provider);
    }
}
