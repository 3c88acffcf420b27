#if NET
// The netstandard2.1 build declares System.Runtime.CompilerServices.IsExternalInit itself (see
// Polyfills/CompilerAttributes.cs), so a library compiled against that build (a Unity-style
// netstandard2.1 library) calls init accessors such as EventLoopOptions.VirtualTime with
// modreq(Coro.Runtime!IsExternalInit). When an app loads this build instead, the forward sends that
// reference to the BCL's type, so the signatures match: without it the JIT throws
// MissingMethodException and NativeAOT a TypeLoadException.
// Not public API of Coro's (the public API files are shared by both builds; the netstandard2.1 one
// declares the type internally instead).
#pragma warning disable RS0016
[assembly: System.Runtime.CompilerServices.TypeForwardedTo(typeof(System.Runtime.CompilerServices.IsExternalInit))]
#pragma warning restore RS0016
#endif
