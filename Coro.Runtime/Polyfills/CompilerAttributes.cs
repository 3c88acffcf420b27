namespace System.Runtime.CompilerServices;

// Attributes the C# compiler recognises by name, which netstandard2.1 does not define. Declaring
// them internally is the documented way to use the features on an older framework; the compiler
// alone reads them, so they behave exactly as on net10.0.

/// <summary>Lets the argument guards name the argument that failed (C# 10).</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
internal sealed class CallerArgumentExpressionAttribute : Attribute
{
    public CallerArgumentExpressionAttribute(string parameterName) => ParameterName = parameterName;

    public string ParameterName { get; }
}

/// <summary>Lets the runtime declare <c>init</c> accessors and records (C# 9); no code of the
/// runtime's reads it.</summary>
internal static class IsExternalInit
{
}
