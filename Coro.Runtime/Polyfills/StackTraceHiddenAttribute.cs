namespace System.Diagnostics;

/// <summary>
/// Lets the runtime's machinery be marked <c>[StackTraceHidden]</c> on both builds. On
/// netstandard2.1 this does nothing: the runtime hides frames only for its own attribute type
/// (CoreLib's, .NET 6 on), which this is not, so where the netstandard2.1 build runs (Unity, or .NET
/// itself) the marked frames stay in stack traces. Only the net10.0 build hides them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Struct, Inherited = false)]
internal sealed class StackTraceHiddenAttribute : Attribute
{
}
