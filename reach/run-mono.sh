#!/usr/bin/env bash
# CI stage (docs/reach.md): the reach checks on Mono against Coro.Runtime's netstandard2.1 build,
# as Unity's editor and desktop players run them. Builds the checks library with dotnet (the
# generator and analyzers run there, at C# 9), compiles a tiny exe with Mono's mcs that calls it,
# and runs it with mono beside the library, Coro.Runtime.dll and their dependencies. Installs
# mono-devel (Debian's Mono 6.8) first if it is missing.
set -euo pipefail
cd "$(dirname "$0")"
stage=reach/mono
source ./packages.sh
started=$SECONDS
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_packages mono-devel

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "$stage: building Checks/Reach.Checks.csproj (netstandard2.1, C# 9)"
if ! dotnet build Checks/Reach.Checks.csproj -c Release > "$work/build.log" 2>&1; then
    echo "$stage: FAILED: dotnet build failed; its errors:"
    grep -E ': error ' "$work/build.log" | sed -E 's/ \[[^]]*\]$//' | sort -u || tail -n 40 "$work/build.log"
    exit 1
fi

# The library, Coro.Runtime.dll (netstandard2.1) and the packages it depends on
# (Microsoft.Bcl.TimeProvider, System.Diagnostics.DiagnosticSource and theirs): the library copies
# them all to its output (CopyLocalLockFileAssemblies). netstandard.dll is Mono's facade.
output=Checks/bin/Release/netstandard2.1
cp "$output"/*.dll "$output"/*.pdb "$work/"
facades="$(dirname "$(command -v mono)")/../lib/mono/4.5/Facades"
echo "$stage: compiling the host with mcs"
mcs -nologo -warnaserror+ -out:"$work/Reach.Mono.exe" -r:"$work/Reach.Checks.dll" -r:"$facades/netstandard.dll" Program.cs

echo "$stage: running on $(mono --version | head -n 1)"
status=0
mono --debug "$work/Reach.Mono.exe" | tee "$work/run.log" || status=${PIPESTATUS[0]}

failed=0
if ! grep -q 'Coro.Runtime built for .NETStandard,Version=v2.1' "$work/run.log"; then
    echo "$stage: FAILED: Mono did not load Coro.Runtime's netstandard2.1 build (see the first line above)"
    failed=1
fi
if [ "$status" -ne 0 ]; then
    echo "$stage: FAILED: the Mono run exited with $status (see its FAIL lines above)"
    failed=1
fi
echo "$stage: $([ "$failed" -eq 0 ] && echo passed || echo failed) in $((SECONDS - started)) s"
exit "$failed"
