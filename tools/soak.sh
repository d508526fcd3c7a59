#!/usr/bin/env bash
# Soak, on loopback only, SOAK_SECONDS each (default 600): api-server-rest → data hub
# (offline_fs_kbc) under wrk with 64 connections, then the agent under 16 clients (tests/e2e's
# AgentSoak: allowed, large-output and denied execs, SetPolicy). Every 10 s the RSS and thread count
# of each daemon under load are printed. Fails on any error other than the expected denials, or
# when a daemon or a container outlives its phase.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bin=$root/dist/bin
seconds=${SOAK_SECONDS:-600}
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-soak.XXXXXX")
pids=()
problems=()
name=soak
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"

# Prints, every 10 s until killed, each process's RSS and threads (arguments: name=pid…).
sample() {
  local start=$SECONDS entry line
  while true; do
    line="t=$((SECONDS - start))s"
    for entry in "$@"; do
      line+=$(awk -v name="${entry%%=*}" '/^VmRSS:/ {rss = int($2 / 1024)} /^Threads:/ {threads = $2}
        END {printf "  %s %d MiB %d threads", name, rss, threads}' "/proc/${entry#*=}/status")
    done
    echo "$line"
    sleep 10
  done
}

# Runs `sample` in the background for the given processes; sets sampler.
start_sampler() {
  sample "$@" &
  sampler=$!
  pids+=("$sampler")
}

# SIGTERM to each process, then a check that nothing started in $work still runs.
stop() { # pid…
  kill "$@"
  wait "$@" 2>/dev/null || true
  local left
  left=$(pgrep -af -- "$work" || true)
  [ -z "$left" ] || problems+=("still running after the phase: $left")
}

soak_rest() {
  echo "== api-server-rest → confidential-data-hub (offline_fs_kbc): wrk, 64 connections, ${seconds} s"
  local port resources=$work/resources.json url
  printf '{"default/kbsres1/key1": "%s"}\n' "$(printf 'Confidential_Secret!' | base64)" > "$resources"
  printf 'socket = "unix://%s"\n[kbc]\nname = "offline_fs_kbc"\nurl = ""\n' "$work/cdh.sock" > "$work/cdh.toml"
  OFFLINE_FS_KBC_EXTRA_FILE_PATH=$resources "$bin/confidential-data-hub" --config "$work/cdh.toml" --log-level warn \
    > "$work/cdh.log" 2>&1 &
  local cdh=$!
  port=$(free_port_pair)
  "$bin/api-server-rest" --bind "127.0.0.1:$port" --cdh-socket "unix://$work/cdh.sock" --log-level warn > "$work/rest.log" 2>&1 &
  local rest=$!
  pids+=("$cdh" "$rest")
  await "the data hub" is_socket "$work/cdh.sock"; await "api-server-rest" listening "$port"
  url="http://127.0.0.1:$port/cdh/resource/default/kbsres1/key1"
  [ "$(curl -s "$url")" = 'Confidential_Secret!' ] || problems+=("rest: the resource is not served")
  start_sampler confidential-data-hub="$cdh" api-server-rest="$rest"
  wrk -t2 -c64 -d"${seconds}s" --latency "$url" | tee "$work/wrk.txt"
  kill "$sampler"
  # wrk reports failures only when there are some: non-2xx answers, and socket errors by kind.
  if grep -qE "Non-2xx|Socket errors" "$work/wrk.txt"; then
    problems+=("rest: $(grep -E "Non-2xx|Socket errors" "$work/wrk.txt" | tr -s ' ' | tr '\n' ';')")
  fi
  [ "$(curl -s "$url")" = 'Confidential_Secret!' ] || problems+=("rest: the resource is not served after the load")
  stop "$cdh" "$rest"
}

soak_agent() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "== agent soak skipped: its runc containers need root" >&2
    return
  fi
  echo "== agent: 16 clients (echo, 1 MB base64 output, denied ls, SetPolicy), ${seconds} s"
  cat > "$work/policy.rego" <<'POLICY'
package agent_policy
default CreateSandboxRequest := true
default CreateContainerRequest := true
default StartContainerRequest := true
default RemoveContainerRequest := true
default CloseStdinRequest := true
default ReadStreamRequest := true
default WaitProcessRequest := true
default SetPolicyRequest := true
default ExecProcessRequest := false
ExecProcessRequest if input.process.Args[0] in {"echo", "sh"}
POLICY
  local server=unix://$work/agent.sock link
  "$bin/agent" --listen "$server" --policy "$work/policy.rego" --state-dir "$work/agent" --log-level warn \
    > "$work/agent.log" 2>&1 &
  local agent=$!
  pids+=("$agent")
  await "the agent" is_socket "$work/agent.sock"
  # The container's root: the host's /usr bound in, bin and lib pointing into it.
  mkdir -p "$work/rootfs"
  for link in bin lib lib64 sbin; do ln -s "usr/$link" "$work/rootfs/$link"; done
  "$bin/agent-ctl" --server "$server" run --id soak --rootfs "$work/rootfs" --bind /usr:/usr -- sleep infinity
  start_sampler agent="$agent"
  java -cp "$root/tests/e2e/target/test-classes:$root/dist/lib/*" io.github.coco4j.it.AgentSoak \
    "$server" soak "$work/policy.rego" "$seconds" 16 || problems+=("agent: the clients saw errors")
  kill "$sampler"
  echo "t=end  agent $(awk '/^VmRSS:/ {printf "%d MiB", $2 / 1024} /^Threads:/ {printf " %d threads", $2}' "/proc/$agent/status")"
  "$bin/agent-ctl" --server "$server" rm soak || problems+=("agent: the container could not be removed")
  stop "$agent"
  [ -z "$(runc --root "$work/agent/runc" list -q)" ] || problems+=("agent: runc still holds containers")
}

soak_rest
soak_agent
if [ ${#problems[@]} -gt 0 ]; then
  printf 'soak: %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "soak: no errors; nothing left running"
