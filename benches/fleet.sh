#!/usr/bin/env bash
# Whole-fleet timing against grep over the same tree, in one run:
#   bash benches/fleet.sh [OFFICES] [WORKDIR]
# Generates OFFICES offices (default 60, about 1,300 devices) into WORKDIR/fleet once, warms
# the page cache, then times, RUNS times each, best and median wall time and peak memory of:
#   grep -rc leave_on_server  (the baseline)
#   mailaudit fleet -j 2 / -j 1 (JSON only, and the default HTML and JSON)
#   one mailaudit scan process per office (the shell loop users have today)
set -euo pipefail
offices=${1:-60}
work=${2:-${TMPDIR:-/tmp}/mailaudit-fleet-bench}
runs=${RUNS:-3}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin mailaudit --example fleet
bin=$PWD/target/release/mailaudit
mkdir -p "$work"
root=$work/fleet-$offices
if [ ! -d "$root" ]; then
  target/release/examples/fleet --offices "$offices" --out "$root" | tail -1
fi
devices=$(find "$root" -mindepth 2 -maxdepth 2 -type d | wc -l)
bytes=$(du -sb "$root" | cut -f1)
echo "fleet: $offices offices, $devices device folders, $((bytes / 1000000)) MB"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
grep -rc leave_on_server "$root" > /dev/null || true  # warm the page cache

# measure NAME COMMAND...: runs it $runs times; prints best and median seconds and peak KB.
declare -A best
measure() {
  local name=$1; shift
  local times=() mem=0
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"
    local line
    line=$(/usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > /dev/null 2>&1; cat "$work/time.txt") || line=$(cat "$work/time.txt")
    times+=("$(echo "$line" | tail -1 | cut -d' ' -f1)")
    local m; m=$(echo "$line" | tail -1 | cut -d' ' -f2)
    [ "$m" -gt "$mem" ] && mem=$m
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local b; b=$(echo "$sorted" | head -1)
  local med; med=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  best[$name]=$b
  printf '%-34s best %6.2f s  median %6.2f s  peak %6d KB' "$name" "$b" "$med" "$mem"
  if [ -n "${best[grep]:-}" ] && [ "$name" != grep ]; then
    printf '  %.2fx grep' "$(echo "$b / ${best[grep]}" | bc -l)"
  fi
  echo
}

loop() {
  for o in "$root"/*/; do
    "$bin" scan "$o" --format json -o "$work/out.json" -q || true
  done
}
export -f loop 2>/dev/null || true

measure grep grep -rc leave_on_server "$root"
measure "fleet -j 2 --format json" "$bin" fleet "$root" --out "$work/out" --format json -q -j 2
measure "fleet -j 1 --format json" "$bin" fleet "$root" --out "$work/out" --format json -q -j 1
measure "fleet -j 2 (html,json)" "$bin" fleet "$root" --out "$work/out" -q -j 2
measure "scan loop, one process per office" bash -c "$(declare -f loop); bin=$bin root=$root work=$work loop"
