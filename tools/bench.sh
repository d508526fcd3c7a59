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

# The recorded pods of ../shared: a genpolicy policy and the requests a real pod sent, per directory.
shared_golden=$root/../shared/testdata/rego/kata-golden

# A system property of the JVM the launchers run on ($JAVA_HOME, else java).
java_property() { # name
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XshowSettings:properties -version 2>&1 | sed -n "s/^ *${1//./\\.} = //p"
}

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

# regorus at the commit Kata pins, on this kind of machine (BENCHMARKS.md): its mean per warm
# evaluation over the golden requests, and a pod's life in a fresh process (load, one pass).
regorus_warm_ns=1200000
regorus_pod_life='22–144 ms per pod'

# A number field of agent-policy bench's one-line JSON answer.
bench_field() { # json name
  sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" <<<"$1"
}

# The geometric mean of the numbers on standard input, one a line.
geometric_mean() {
  awk '{ sum += log($1); n++ } END { printf "%.0f", exp(sum / n) }'
}

# The golden directories (a genpolicy policy.rego and the inputs.txt a real pod sent) the policy
# figures are taken over: the six of ../shared, then those under each directory BENCH_GOLDEN names
# (colon-separated; a directory that holds golden directories, or one itself), so that a holder of
# more recorded pods gets one geometric mean over all of them.
golden_dirs() {
  local parent dir
  local IFS=:
  for parent in "$shared_golden" ${BENCH_GOLDEN:-}; do
    [ -d "$parent" ] || { echo "bench: $parent is missing" >&2; exit 1; }
    if [ -f "$parent/policy.rego" ]; then echo "${parent%/}"; continue; fi
    for dir in "$parent"/*/; do
      if [ -f "$dir/policy.rego" ]; then echo "${dir%/}"; fi
    done
  done
}

# A golden directory as the figures name it: ../shared's by their names, the others with their
# parent's too, since two holders' directories may share a name.
golden_name() { # dir
  case $1 in
    "$shared_golden/"*) basename "$1" ;;
    *) echo "$(basename "$(dirname "$1")")/$(basename "$1")" ;;
  esac
}

bench_rego() {
  local dirs dir name line n evals=0 total_ns=0 pod i=0
  dirs=$(golden_dirs)
  mapfile -t dirs <<<"$dirs"
  # Work files by position: two holders' directories may share a name.
  for dir in "${dirs[@]}"; do i=$((i + 1)); golden_requests "$dir" > "$work/$i.jsonl"; done
  header "agent-policy bench: ${#dirs[@]} Kata golden policies, one warm engine, prints gathered"
  i=0
  for dir in "${dirs[@]}"; do
    i=$((i + 1)) name=$(golden_name "$dir")
    printf '%-24s ' "$name"
    # The agent evaluates in its daemon JVM, which has the optimizing compiler the CLI launchers leave out.
    # Without the CLI's start-up cache: on JDK 25 it carries method profiles from a C1-only training
    # run, which C2 would compile by (about 3× slower code than C2's own profiles; the daemon's cache
    # is trained with both compilers). The loop is warm, so the cache has nothing else to give.
    line=$(COCO4J_CACHE_OPTS= COCO4J_JAVA_OPTS=-XX:TieredStopAtLevel=4 "$bin/agent-policy" bench --policy "$dir/policy.rego" --v0 \
      --requests "$work/$i.jsonl" --iters 300 --warmup 300)
    echo "$line"
    n=$(bench_field "$line" evals)
    evals=$((evals + n)) total_ns=$((total_ns + n * $(bench_field "$line" mean_ns_per_eval)))
  done
  awk -v ours=$((total_ns / evals)) -v regorus=$regorus_warm_ns \
    'BEGIN { printf "warm: %.0f µs per evaluation, %.1f× faster than regorus (%.1f ms; goal: 10×)\n", ours / 1e3, regorus / ours, regorus / 1e6 }'

  header "a pod's policy life in a fresh process: agent-policy bench --warmup 0 --iters 1 (hyperfine, 10 runs; $(cache_in_use agent-policy))"
  echo "per directory: the whole process (JVM start, load, one pass), then inside it the policy's part (load + one pass, median of 5 fresh processes): what a pod meets in an agent started at boot"
  i=0
  for dir in "${dirs[@]}"; do
    i=$((i + 1)) name=$(golden_name "$dir")
    pod="$bin/agent-policy bench --policy $dir/policy.rego --v0 --requests $work/$i.jsonl --warmup 0 --iters 1"
    hyperfine -N --warmup 1 --runs 10 --style none --export-csv "$work/$i.csv" "$pod" > /dev/null
    awk -F, 'NR == 2 { printf "%.1f\n", $2 * 1e3 }' "$work/$i.csv" > "$work/$i.whole"
    for _ in 1 2 3 4 5; do
      line=$($pod)
      awk -v load="$(bench_field "$line" load_ms)" -v n="$(bench_field "$line" evals)" \
        -v mean="$(bench_field "$line" mean_ns_per_eval)" 'BEGIN { printf "%.1f\n", load + n * mean / 1e6 }'
    done | sort -n | sed -n 3p > "$work/$i.inside"
    awk -F, -v name="$name" -v inside="$(cat "$work/$i.inside")" \
      'NR == 2 { printf "%-24s %4.0f ms ± %.0f, of which the policy %5.1f ms\n", name, $2 * 1e3, $3 * 1e3, inside }' "$work/$i.csv"
  done
  echo "geometric mean of ${#dirs[@]}, whole process: $(cat "$work"/*.whole | geometric_mean) ms (regorus: $regorus_pod_life; goal: no slower)"
  echo "geometric mean of ${#dirs[@]}, the policy in a started agent: $(cat "$work"/*.inside | geometric_mean) ms (regorus: $regorus_pod_life; goal: no slower)"
}

# Which start-up cache launcher NAME runs with, and on which JVM.
cache_in_use() { # name
  local cache=none
  [ -f "$root/dist/lib/$1.jsa" ] && cache="CDS archive"
  [ -f "$root/dist/lib/$1.aot" ] && cache="AOT cache"
  echo "$(java_property java.runtime.version), $cache"
}

# A process's resident memory (Rss) or its proportional share (Pss: pages it shares with other
# processes, such as libjvm's, divided among them), in MiB.
memory_mib() { # pid Rss|Pss
  awk -v field="$2:" '$1 == field { printf "%.0f", $2 / 1024 }' "/proc/$1/smaps_rollup"
}

# The guest's services as the image runs them (guest-components: the attestation agent, the data
# hub and the REST API in one JVM; the agent with a genpolicy policy), started in parallel against
# the development KBS; ready time, the REST API under wrk with and without the hub's cache, then
# each JVM's memory, each beside its goal (BENCH_SECONDS sets wrk's duration). BENCH_NMT=1 adds
# the JVMs' native memory summaries (jcmd VM.native_memory).
bench_rest() {
  header "guest services: ready time, REST API (wrk, 2 threads, 64 connections, 30 s), memory"
  local kbs=$work/kbs rest_port=$((30000 + RANDOM % 20000)) ttl started ready_ms guest agent nmt= rate_goal p99_goal total_goal
  local guest_rss guest_pss agent_rss agent_pss
  local policy=$shared_golden/pod-exec/policy.rego
  [ -f "$policy" ] || { echo "bench: $policy is missing" >&2; exit 1; }
  [ -n "${BENCH_NMT:-}" ] && nmt=-XX:NativeMemoryTracking=summary
  # COCO4J_JAVA_OPTS, if set, goes to the JVMs too (to try other flags than the launchers').
  nmt="${COCO4J_JAVA_OPTS:-} $nmt"
  mkdir -p "$kbs/repository/default/kbsres1" "$work/sockets"
  printf 'Confidential_Secret!' > "$kbs/repository/default/kbsres1/key1"
  printf 'package policy\nimport rego.v1\ndefault allow := true\n' > "$kbs/policy.rego"
  printf '[http_server]\nsockets = ["127.0.0.1:0"]\ninsecure_http = true\n[policy_engine]\npolicy_path = "policy.rego"\n[[plugins]]\nname = "resource"\ntype = "LocalFs"\ndir_path = "repository"\n[development]\nallow_sample_evidence = true\n' > "$kbs/kbs-config.toml"
  start_kbs "$kbs" "$bin"
  local url=$kbs_url
  printf '[token_configs.kbs]\nurl = "%s"\n' "$url" > "$work/aa.toml"
  for ttl in 60 0; do
    rm -f "$work/sockets/"*.sock
    printf 'socket = "unix://%s"\n[aa]\naa_socket = "unix://%s"\n[kbc]\nname = "cc_kbc"\nurl = "%s"\n[resource_cache]\nttl_seconds = %s\n' \
      "$work/sockets/cdh.sock" "$work/sockets/aa.sock" "$url" "$ttl" > "$work/cdh.toml"
    started=$(date +%s%N)
    COCO4J_JAVA_OPTS=$nmt "$bin/guest-components" --config "$work/aa.toml" --socket "unix://$work/sockets/aa.sock" --tee sample \
      --initdata-digest "$work/none" --cdh-config "$work/cdh.toml" --bind "127.0.0.1:$rest_port" --log-level warn \
      > "$work/guest.log" 2>&1 &
    guest=$!
    COCO4J_JAVA_OPTS=$nmt "$bin/agent" --listen "unix://$work/sockets/agent.sock" --policy "$policy" --v0 --state-dir "$work/agent" \
      --cdh-socket "unix://$work/sockets/cdh.sock" --log-level warn > "$work/agent.log" 2>&1 &
    agent=$!
    pids+=($guest $agent)
    await "the attestation agent" is_socket "$work/sockets/aa.sock"; await "the data hub" is_socket "$work/sockets/cdh.sock"
    await "the REST API" listening "$rest_port"; await "the agent" is_socket "$work/sockets/agent.sock"
    ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "cache ttl ${ttl}s: all ready in $ready_ms ms (goal ≤ 1000 ms on 2 cores); first fetch: $(curl -s -o /dev/null -w '%{time_total}' \
      "http://127.0.0.1:$rest_port/cdh/resource/default/kbsres1/key1") s"
    "$bin/agent-ctl" --server "unix://$work/sockets/agent.sock" health > /dev/null
    "$bin/agent-ctl" --server "unix://$work/sockets/agent.sock" exec absent -- true > /dev/null 2>&1 || true
    wrk -t2 -c64 -d"${BENCH_SECONDS:-30}"s --latency "http://127.0.0.1:$rest_port/cdh/resource/default/kbsres1/key1" > "$work/wrk.txt"
    # The goals are the cache's: without it every read is a KBS round trip, or waits for one,
    # and the run is a stress of the hub and the development KBS, measured for what it costs.
    rate_goal="goal ≥ 30000" p99_goal="goal ≤ 5 ms" total_goal="goal ≤ 153 MiB, i.e. 160 MB"
    [ "$ttl" -gt 0 ] || rate_goal="no goal: every read a KBS round trip or a wait for one" p99_goal="no goal" \
      total_goal="no goal: a stress; the goal is the workshop's"
    awk -v rate_goal="$rate_goal" -v p99_goal="$p99_goal" '/Requests\/sec/ { rate = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
         END { printf "  wrk: %s req/s (%s), p50 %s, p99 %s (%s)\n", rate, rate_goal, p50, p99, p99_goal }' "$work/wrk.txt"
    for when in "after wrk" "10 s later"; do
      [ "$when" = "after wrk" ] || sleep 10 # the compilers give back their arenas within about 7 s
      # Each figure read once, so that the total is the sum of the figures printed.
      guest_rss=$(memory_mib $guest Rss) guest_pss=$(memory_mib $guest Pss)
      agent_rss=$(memory_mib $agent Rss) agent_pss=$(memory_mib $agent Pss)
      echo "  RSS (PSS) $when: guest-components $guest_rss ($guest_pss) MiB," \
        "agent $agent_rss ($agent_pss) MiB (goal ≤ 64 MiB, genpolicy pod-exec loaded);" \
        "total $((guest_rss + agent_rss)) ($((guest_pss + agent_pss))) MiB ($total_goal)"
    done
    if [ -n "${BENCH_NMT:-}" ]; then
      for pid in "guest-components $guest" "agent $agent"; do
        echo "  NMT of ${pid% *}:"
        "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "${pid#* }" VM.native_memory summary \
          | grep -E '^ *(Total|- +[A-Za-z ]+ \(reserved)' | sed 's/^ */    /'
      done
    fi
    kill $guest $agent; wait $guest $agent 2>/dev/null || true
  done
}

# A multi-layer image of about 100 MB (random bytes, so gzip keeps it at that size on the wire and
# on disk) in an OCI layout: one umoci layer per directory of files.
make_bench_image() { # layout layers mib_per_layer
  local layout=$1 layers=$2 mib=$3 i f
  umoci init --layout "$layout"
  umoci new --image "$layout:bench"
  for i in $(seq "$layers"); do
    mkdir -p "$work/layer$i/data$i"
    for f in $(seq "$mib"); do head -c 1048576 /dev/urandom > "$work/layer$i/data$i/f$f"; done
    umoci insert --image "$layout:bench" "$work/layer$i/data$i" "/data$i"
    rm -rf "$work/layer$i"
  done
}

# Wall time (s) and peak RSS (MiB) of one command, as "seconds mib".
timed() { # command…
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/timed.err" || { cat "$work/timed.err" >&2; fail "$1 failed"; }
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$work/time"
}

bench_pull() {
  header "image pull: cdh-tool pull-image vs skopeo copy + umoci unpack (4 × 25 MiB layers, local plain-HTTP registry, cold)"
  local port ref run java_s java_m skopeo_s skopeo_m umoci_s umoci_m
  port=$(free_port_pair)
  ref=127.0.0.1:$port/bench:v1
  mkdir -p "$work/registry"
  printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
    "$work/registry" "$port" > "$work/registry.yml"
  docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
  pids+=($!)
  await "the registry" listening "$port"
  make_bench_image "$work/layout" 4 25
  skopeo copy -q --dest-tls-verify=false "oci:$work/layout:bench" "docker://$ref"
  echo "image: $(du -sm "$work/registry" | cut -f1) MiB in the registry"
  printf '%-4s %-26s %-30s %-26s\n' run "cdh-tool pull-image (s, MiB)" "skopeo copy docker→oci (s, MiB)" "umoci unpack (s, MiB)"
  for run in 1 2 3; do
    rm -rf "$work/pull" "$work/oci" "$work/bundle"
    # A fresh blob cache each run, so that every layer is fetched, verified and unpacked.
    printf '[kbc]\nname = "offline_fs_kbc"\nurl = ""\n[image]\nwork_dir = "%s"\n[[image.registry_config.registry]]\nprefix = "127.0.0.1:%s"\nlocation = "127.0.0.1:%s"\ninsecure = true\n' \
      "$work/pull/cache" "$port" "$port" > "$work/cdh.toml"
    read -r java_s java_m < <(timed "$bin/cdh-tool" pull-image --config "$work/cdh.toml" "$ref" "$work/pull/bundle")
    read -r skopeo_s skopeo_m < <(timed skopeo copy -q --src-tls-verify=false "docker://$ref" "oci:$work/oci:bench")
    read -r umoci_s umoci_m < <(timed umoci unpack --image "$work/oci:bench" "$work/bundle")
    printf '%-4s %-26s %-30s %-26s\n' "$run" "$java_s, $java_m" "$skopeo_s, $skopeo_m" "$umoci_s, $umoci_m"
  done
  echo "rootfs: $(du -sm "$work/pull/bundle/rootfs" | cut -f1) MiB (cdh-tool), $(du -sm "$work/bundle/rootfs" | cut -f1) MiB (umoci)"
  read -r java_s java_m < <(timed "$bin/cdh-tool" --help)
  echo "of which the JVM's start (cdh-tool --help): $java_s s, $java_m MiB"
}

# The goals are the guest's, whose image ships Debian 13's JDK 25 with each launcher's AOT cache.
release=$(java_property java.specification.version)
echo "JVM: ${JAVA_HOME:-java on PATH}, Java $release"
[ "${release%%.*}" -ge 25 ] || echo "not the guest image's JVM (25): to compare with the goals, build and run with JAVA_HOME set to a JDK 25"

# The guest image's figures from its last build and passing boot test: booting it takes
# `./run image-test` (root, QEMU, about 15 minutes), so the bench reports rather than boots.
bench_image() {
  local out=${COCO4J_IMAGE_OUT:-$root/guest-image/out}
  header "guest image (the last ./run image-test; rerun it to refresh)"
  if [ ! -f "$out/image.txt" ]; then
    echo "no image built: ./run image-test builds and boots it"
    return
  fi
  sed -n 's/^\(disk\|build\): /  \1: /p' "$out/image.txt"
  if [ "$out/boot.txt" -nt "$out/image.txt" ]; then sed 's/^/  /' "$out/boot.txt"; else echo "  not booted since it was built"; fi
}

sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(initdata rego rest pull image)
for section in "${sections[@]}"; do
  declare -F "bench_$section" >/dev/null || { echo "bench: unknown section '$section'" >&2; exit 2; }
  "bench_$section"
done
