#!/usr/bin/env bash
# Writes to the directory OUT, as NAME.lst for each launcher NAME, the classes its JVM loads at
# start-up, for its class-data sharing archive: each launcher of dist/ runs once the way the boot
# runs it (provisioner on a swtpm, the attestation agent with its binding check, the data hub
# alone and with the REST API, api-server-rest, the agent with a policy), each daemon stopped once
# it serves; the other CLIs print their help.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bin=$root/dist/bin
out=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-class-list.XXXXXX")
pids=()
name=class-list
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"

# JVM options that list the classes a run of launcher NAME loads in $work/NAME-*.lst.
trace() { echo "-XX:DumpLoadedClassList=$work/$1-$RANDOM.lst"; }
traced() { # name args…
  COCO4J_JAVA_OPTS=$(trace "$1") "$bin/$@"
}
# Starts a daemon traced, waits for it, then stops it (the list is complete by then). The launcher
# is started directly, not through a function, so $! is the JVM itself (launchers exec java).
serve_once() { # ready-check name args…
  local check=$1 launcher=$2; shift 2
  COCO4J_JAVA_OPTS=$(trace "$launcher") "$bin/$launcher" "$@" > "$work/$launcher.log" 2>&1 &
  pids+=($!)
  await "$launcher ($(tail -1 "$work/$launcher.log" 2>/dev/null))" $check
  kill "$!"
  wait "$!" 2>/dev/null || true
}

start_swtpm "$work/swtpm"

sed 's|@KBS_URL@|http://127.0.0.1:1|g' "$root/tools/demo/initdata.toml.in" > "$work/initdata.toml"
user_data "$(traced initdata encode "$work/initdata.toml")" > "$work/user-data"
traced initdata provision --source "file:$work/user-data" --out "$work/peerpod" --tpm "tcp:127.0.0.1:$tpm_port" > /dev/null
serve_once "is_socket $work/aa.sock" attestation-agent --config "$work/peerpod/aa.toml" --socket "unix://$work/aa.sock" \
  --tpm "tcp:127.0.0.1:$tpm_port" --initdata-digest "$work/peerpod/initdata.digest"
printf 'socket = "unix://%s"\n[kbc]\nname = "offline_fs_kbc"\n' "$work/cdh.sock" > "$work/cdh.toml"
serve_once "is_socket $work/cdh.sock" confidential-data-hub --config "$work/cdh.toml"
serve_once "grep -q listening $work/confidential-data-hub-rest.log" confidential-data-hub-rest --config "$work/cdh.toml" \
  --bind 127.0.0.1:0
serve_once "grep -q listening $work/api-server-rest.log" api-server-rest --bind 127.0.0.1:0 --cdh-socket "unix://$work/cdh.sock"
serve_once "is_socket $work/agent.sock" agent --listen "unix://$work/agent.sock" \
  --policy "$root/guest-image/rootfs/etc/kata-opa/allow-all.rego" --state-dir "$work/agent"

for cli in aa-client agent-ctl agent-policy; do traced "$cli" --help > /dev/null; done

# One list per launcher (its own runs only: agent-[0-9]* is not agent-policy's): classes in the
# order first seen, the JVM's own directives kept. Newer JVMs number the classes of each run
# ("NAME id: N"); the numbers of two runs clash, and classes of the built-in loaders need none.
mkdir -p "$out"
for launcher in $(ls "$work" | sed -n 's/-[0-9]*\.lst$//p' | sort -u); do
  sed 's/ id: [0-9]*$//' "$work/$launcher"-[0-9]*.lst | awk '!/^#/ && !seen[$0]++' > "$out/$launcher.lst"
done
