// Why this package has an assembly definition (Coro.asmdef) and this one file in its assembly:
// Unity runs the generator and analyzers in Analyzers/ on the assembly whose assembly definition
// sits in their folder or above it, and on every assembly that references that one. Coro.asmdef is
// auto-referenced, so Assembly-CSharp references it, and an assembly definition of yours does once
// it lists "Coro" in its references: [Coroutine] and the CORO diagnostics work in both. Unity builds
// no assembly for an assembly definition without a script; this is that script. Coro itself is
// Coro.Runtime.dll, beside this file.
namespace Coro.Unity
{
    internal static class AnalyzerScope
    {
    }
}
