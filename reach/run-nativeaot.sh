#!/usr/bin/env bash
# CI stage (docs/reach.md): the reach checks in a NativeAOT binary. Publishes NativeAot/ with
# PublishAot=true (Coro.Runtime's net10.0 build, the generator and analyzers through project
# references), fails on any trim or AOT warning (IL2xxx/IL3xxx) and on any method ILC compiled to
# "always throw", runs the binary and fails if any check fails. Installs clang and zlib1g-dev first
# if they are missing (ILC links with them).
set -euo pipefail
cd "$(dirname "$0")"
stage=reach/nativeaot
source ./packages.sh
started=$SECONDS
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_packages clang zlib1g-dev

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "$stage: publishing NativeAot/Reach.NativeAot.csproj (PublishAot)"
if ! dotnet publish NativeAot/Reach.NativeAot.csproj -c Release -o "$work/publish" > "$work/publish.log" 2>&1; then
    echo "$stage: FAILED: dotnet publish failed; its errors:"
    grep -E ': error ' "$work/publish.log" | sed -E 's/ \[[^]]*\]$//' | sort -u || tail -n 40 "$work/publish.log"
    exit 1
fi

# MSBuild repeats each warning in its summary: one line each, paths from the repository's root,
# without the project suffix.
root="$(cd .. && pwd)/"
warnings="$(grep -E '(warning|error) IL[23][0-9]{3}' "$work/publish.log" | sed -E -e 's/ \[[^]]*\]$//' -e "s|$root||" | sort -u || true)"
throws="$(grep -E 'ILC: Method .* will always throw' "$work/publish.log" | sed -E 's/^ +//' | sort -u || true)"

echo "$stage: running the native binary"
status=0
"$work/publish/Reach.NativeAot" || status=$?

failed=0
if [ -n "$warnings" ]; then
    echo "$stage: FAILED: the publish reported $(wc -l <<< "$warnings") trim/AOT warnings (Coro must publish with none):"
    sed 's/^/  /' <<< "$warnings"
    failed=1
fi
if [ -n "$throws" ]; then
    echo "$stage: FAILED: ILC compiled $(wc -l <<< "$throws") methods to throw at run time:"
    sed 's/^/  /' <<< "$throws"
    failed=1
fi
if [ "$status" -ne 0 ]; then
    echo "$stage: FAILED: the native binary exited with $status (see its FAIL lines above)"
    failed=1
fi
echo "$stage: $([ "$failed" -eq 0 ] && echo passed || echo failed) in $((SECONDS - started)) s"
exit "$failed"
