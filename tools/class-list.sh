#!/usr/bin/env bash
# Writes to OUT the classes the guest's JVMs load at start-up, for the image's class-data sharing
# archive: each launcher of dist/ runs once the way the boot runs it (provisioner on a swtpm, the
# attestation agent with its binding check, the data hub, api-server-rest, the agent with a
# policy), each stopped once it serves.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bin=$root/dist/bin
out=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-class-list.XXXXXX")
pids=()
name=class-list
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"

# Runs a launcher with its loaded classes listed in $work/NAME.lst.
traced() { # name args…
  local launcher=$1; shift
  COCO4J_JAVA_OPTS="-XX:DumpLoadedClassList=$work/$launcher-$RANDOM.lst" "$bin/$launcher" "$@"
}
# Starts a daemon traced, waits for it, then stops it (the list is complete by then).
serve_once() { # ready-check name args…
  local check=$1; shift
  traced "$@" > "$work/$1.log" 2>&1 &
  pids+=($!)
  await "$1 ($(tail -1 "$work/$1.log" 2>/dev/null))" $check
  kill "$!"
}

start_swtpm "$work/swtpm"

sed 's|@KBS_URL@|http://127.0.0.1:1|g' "$root/tools/demo/initdata.toml.in" > "$work/initdata.toml"
user_data "$(traced initdata encode "$work/initdata.toml")" > "$work/user-data"
traced initdata provision --source "file:$work/user-data" --out "$work/peerpod" --tpm "tcp:127.0.0.1:$tpm_port" > /dev/null
serve_once "is_socket $work/aa.sock" attestation-agent --config "$work/peerpod/aa.toml" --socket "unix://$work/aa.sock" \
  --tpm "tcp:127.0.0.1:$tpm_port" --initdata-digest "$work/peerpod/initdata.digest"
printf 'socket = "unix://%s"\n[kbc]\nname = "offline_fs_kbc"\n' "$work/cdh.sock" > "$work/cdh.toml"
serve_once "is_socket $work/cdh.sock" confidential-data-hub --config "$work/cdh.toml"
serve_once "grep -q listening $work/api-server-rest.log" api-server-rest --bind 127.0.0.1:0 --cdh-socket "unix://$work/cdh.sock"
serve_once "is_socket $work/agent.sock" agent --listen "unix://$work/agent.sock" \
  --policy "$root/guest-image/rootfs/etc/kata-opa/allow-all.rego" --state-dir "$work/agent"

# One list: classes in the order first seen, the JVM's own directives kept.
awk '!/^#/ && !seen[$0]++' "$work"/*.lst > "$out"
