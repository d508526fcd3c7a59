#!/usr/bin/env bash
# Benchmarks, one function per component; `tools/bench.sh [component…]` runs the named ones
# (default: all). Figures go to stdout; BENCHMARKS.md records the latest ones.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bin=$root/dist/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-bench.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

header() { printf '\n## %s\n' "$*"; }

start_swtpm() { # dir port
  mkdir -p "$1"
  swtpm socket --tpm2 --tpmstate dir="$1" --flags not-need-init,startup-clear \
    --server type=tcp,port="$2",bindaddr=127.0.0.1 --ctrl type=tcp,port=$(($2 + 1)),bindaddr=127.0.0.1 &
  pids+=($!)
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$2") 2>/dev/null && return 0; sleep 0.05; done
  echo "bench: swtpm did not start" >&2; exit 1
}

bench_initdata() {
  header "initdata CLI cold start (hyperfine)"
  sed "s|@KBS_URL@|http://127.0.0.1:8080|g" "$root/tools/demo/initdata.toml.in" > "$work/initdata.toml"
  printf '#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: %s\n' \
    "$("$bin/initdata" encode "$work/initdata.toml")" > "$work/user-data"
  local port=$((30000 + RANDOM % 20000))
  start_swtpm "$work/swtpm" "$port"
  hyperfine --warmup 2 --runs 20 --style basic \
    -n "initdata pcr8" "$bin/initdata pcr8 $work/initdata.toml" \
    -n "initdata provision (swtpm, extend)" --prepare "rm -rf $work/out" \
    "COCO4J_LOG=warn $bin/initdata provision --source file:$work/user-data --out $work/out --tpm tcp:127.0.0.1:$port"
}

bench_rego() {
  header "agent-policy bench: Kata golden policies, one warm engine, prints gathered"
  local golden=$root/../shared/testdata/rego/kata-golden dir
  [ -d "$golden" ] || { echo "bench: $golden is missing" >&2; exit 1; }
  for dir in "$golden"/*/; do
    dir=${dir%/}
    # inputs.txt lines are ["ep":"<Request>",{input}], ; the decision log wants {"kind":…,"request":…}
    tr -d '\r' < "$dir/inputs.txt" | sed -n 's/^\["ep":"\([A-Za-z]*\)",\(.*\)\],\{0,1\}$/{"kind":"\1","request":\2}/p' > "$work/requests.jsonl"
    printf '%-24s ' "$(basename "$dir")"
    # The agent evaluates in its daemon JVM, which has the optimizing compiler the CLI launchers leave out.
    COCO4J_JAVA_OPTS=-XX:TieredStopAtLevel=4 \
      "$bin/agent-policy" bench --policy "$dir/policy.rego" --v0 --requests "$work/requests.jsonl" --iters 300 --warmup 300
  done
}

sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(initdata rego)
for section in "${sections[@]}"; do
  declare -F "bench_$section" >/dev/null || { echo "bench: unknown section '$section'" >&2; exit 2; }
  "bench_$section"
done
