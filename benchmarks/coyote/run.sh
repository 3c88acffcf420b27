#!/usr/bin/env bash
# Coro's simulation against Microsoft Coyote on the same three planted bugs (docs/simulation.md,
# "Against Coyote"). For each bug and each of 20 starting seeds: how many schedules until the bug
# shows; prints the median and the time per schedule. Not part of Coro.sln or CI; about 3 minutes.
#   benchmarks/coyote/run.sh            both tools
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
# Coyote 1.7.11 targets net8.0 at the newest; only a newer runtime may be installed.
export DOTNET_ROLL_FORWARD=Major DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [ ! -x .tool/coyote ]; then
  dotnet tool install Microsoft.Coyote.CLI --version 1.7.11 --tool-path .tool >/dev/null
fi

dotnet build PlantedBugs.Coyote -c Release -v quiet -nologo >/dev/null
dll=PlantedBugs.Coyote/bin/Release/net8.0/PlantedBugs.Coyote.dll
.tool/coyote rewrite "$dll" >/dev/null

dotnet run --project PlantedBugs.Coro -c Release -v quiet

# Coyote: -s random is the strategy closest to Coro's (a uniform choice at each step); "portfolio" is
# Coyote's default (no -s), a tuned mix of strategies.
for strategy in random portfolio; do
  for method in LostUpdate CheckThenAct ProducerAndTimeout; do
    counts=()
    total_seconds=0
    for seed in $(seq 1 20); do
      args=(test "$dll" -m "$method" -i 1000 --seed "$seed")
      if [ "$strategy" = random ]; then args+=(-s random); fi
      out="$(.tool/coyote "${args[@]}" 2>&1 || true)" # exits non-zero when it finds the bug
      if grep -q "Found 1 bug" <<<"$out"; then
        counts+=("$(grep -oP 'Explored \K[0-9]+' <<<"$out" | tail -1)")
      else
        counts+=(-1)
      fi
      seconds="$(grep -oP 'Elapsed \K[0-9.]+' <<<"$out" | tail -1)"
      total_seconds="$(echo "$total_seconds + $seconds" | bc -l)"
    done
    sorted=($(printf '%s\n' "${counts[@]}" | sort -n))
    median="$(echo "(${sorted[9]} + ${sorted[10]}) / 2" | bc -l | sed 's/\.0*$//;s/\(\.[0-9]\)0*$/\1/')"
    sum=0; for c in "${counts[@]}"; do sum=$((sum + c)); done
    per="$(echo "$total_seconds * 1000000 / $sum" | bc -l)"
    printf 'coyote-%s\t%s\tmedian %s\tschedules [%s]\t%.1f us/schedule\n' \
      "$strategy" "$method" "$median" "$(IFS=,; echo "${sorted[*]}")" "$per"
  done
done

# The time per schedule once the engine has started: 1,000 schedules of lost update without the bug.
out="$(.tool/coyote test "$dll" -m NoBug -i 1000 -s random --seed 1 2>&1 || true)"
seconds="$(grep -oP 'Elapsed \K[0-9.]+' <<<"$out" | tail -1)"
explored="$(grep -oP 'Explored \K[0-9]+' <<<"$out" | tail -1)"
printf 'coyote-random\tno bug, %s schedules\t%s\t%.1f us/schedule\n' "$explored" \
  "$(grep -q 'Found 0 bugs' <<<"$out" && echo passed || echo FAILED)" "$(echo "$seconds * 1000000 / $explored" | bc -l)"
