// netstandard2.0 lacks the marker type the compiler needs for `record` and `init`.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
