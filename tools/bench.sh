#!/usr/bin/env bash
# Benchmarks, one function per component; `tools/bench.sh [component…]` runs the named ones
# (default: all). Figures go to stdout; BENCHMARKS.md records the latest ones.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bin=$root/dist/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-bench.XXXXXX")
pids=()
name=bench
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"

header() { printf '\n## %s\n' "$*"; }

bench_initdata() {
  header "initdata CLI cold start (hyperfine)"
  sed "s|@KBS_URL@|http://127.0.0.1:8080|g" "$root/tools/demo/initdata.toml.in" > "$work/initdata.toml"
  user_data "$("$bin/initdata" encode "$work/initdata.toml")" > "$work/user-data"
  start_swtpm "$work/swtpm"
  hyperfine --warmup 2 --runs 20 --style basic \
    -n "initdata pcr8" "$bin/initdata pcr8 $work/initdata.toml" \
    -n "initdata provision (swtpm, extend)" --prepare "rm -rf $work/out" \
    "COCO4J_LOG=warn $bin/initdata provision --source file:$work/user-data --out $work/out --tpm tcp:127.0.0.1:$tpm_port"
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

bench_rest() {
  header "api-server-rest → confidential-data-hub → KBS (wrk, 64 connections, 30 s)"
  local kbs=$work/kbs rest_port=$((30000 + RANDOM % 20000)) ttl
  mkdir -p "$kbs/repository/default/kbsres1" "$work/sockets"
  printf 'Confidential_Secret!' > "$kbs/repository/default/kbsres1/key1"
  printf 'package policy\nimport rego.v1\ndefault allow := true\n' > "$kbs/policy.rego"
  printf '[http_server]\nsockets = ["127.0.0.1:0"]\ninsecure_http = true\n[policy_engine]\npolicy_path = "policy.rego"\n[[plugins]]\nname = "resource"\ntype = "LocalFs"\ndir_path = "repository"\n[development]\nallow_sample_evidence = true\n' > "$kbs/kbs-config.toml"
  start_kbs "$kbs" "$bin"
  local url=$kbs_url
  printf '[token_configs.kbs]\nurl = "%s"\n' "$url" > "$work/aa.toml"
  "$bin/attestation-agent" --config "$work/aa.toml" --socket "unix://$work/sockets/aa.sock" --tee sample \
    --initdata-digest "$work/none" > "$work/aa.log" 2>&1 &
  pids+=($!)
  await "the attestation agent" is_socket "$work/sockets/aa.sock"
  for ttl in 0 60; do
    rm -f "$work/sockets/cdh.sock"
    printf 'socket = "unix://%s"\n[aa]\naa_socket = "unix://%s"\n[kbc]\nname = "cc_kbc"\nurl = "%s"\n[resource_cache]\nttl_seconds = %s\n' \
      "$work/sockets/cdh.sock" "$work/sockets/aa.sock" "$url" "$ttl" > "$work/cdh.toml"
    "$bin/confidential-data-hub" --config "$work/cdh.toml" --log-level warn > "$work/cdh.log" 2>&1 &
    local cdh=$!
    "$bin/api-server-rest" --bind "127.0.0.1:$rest_port" --cdh-socket "unix://$work/sockets/cdh.sock" --log-level warn \
      > "$work/rest.log" 2>&1 &
    local rest=$!
    pids+=($cdh $rest)
    await "the data hub" is_socket "$work/sockets/cdh.sock"; await "api-server-rest" listening "$rest_port"
    echo "cache ttl ${ttl}s: first fetch after the hub and api-server-rest start: $(curl -s -o /dev/null -w '%{time_total}' \
      "http://127.0.0.1:$rest_port/cdh/resource/default/kbsres1/key1") s"
    wrk -t2 -c64 -d30s --latency "http://127.0.0.1:$rest_port/cdh/resource/default/kbsres1/key1" \
      | grep -E "Requests/sec|^ +99%|^ +50%"
    kill "$cdh" "$rest"; wait "$cdh" "$rest" 2>/dev/null || true
  done
}

sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(initdata rego rest)
for section in "${sections[@]}"; do
  declare -F "bench_$section" >/dev/null || { echo "bench: unknown section '$section'" >&2; exit 2; }
  "bench_$section"
done
