#!/usr/bin/env bash
# The training run of the launchers' start-up caches: each launcher of HOME/bin (dist/, or
# /opt/coco4j inside ROOTFS through chroot, with the JVM there) runs the way a boot and a pod run
# it: the provisioner on a swtpm, the attestation agent with its binding check, the data hub
# alone and with the REST API, api-server-rest, each stopped once it serves; all three in one JVM
# (guest-components) as the guest runs them, attesting to the development KBS over HTTPS and
# fetching a resource through the REST API; the agent running a pod in a runc container with the
# workshop's policy (as root), then with a genpolicy policy deciding a recorded pod's exec
# requests, agent-policy replaying that pod's requests; the other CLIs print their help. The KBS
# is the host's (dist/), never the guest's: it only answers the training. KIND says what the runs
# leave in OUT (a directory, inside ROOTFS if given):
#   lst      NAME.lst, the classes launcher NAME's runs load, for its class-data sharing archive
#   aotconf  NAME.aotconf, what launcher NAME's last run loaded, linked and profiled, for its AOT
#            cache (JDK 25 and later)
#   class-list.sh KIND OUT [ROOTFS]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
kind=$1 out=$2 rootfs=${3:-}
pids=()
name=class-list
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"
case "$kind" in lst|aotconf) ;; *) fail "KIND is lst or aotconf, not '$kind'" ;; esac
# The recorded pod: a genpolicy policy and the requests it decided.
pod=${COCO4J_TRAINING_POD:-$root/../shared/testdata/rego/kata-golden/k8s-policy-pod}
[ -f "$pod/policy.rego" ] && [ -f "$pod/inputs.txt" ] || fail "no recorded pod (policy.rego, inputs.txt) in $pod"

# Paths as the launchers see them: inside ROOTFS they are the host's without the ROOTFS prefix.
# There the launchers run with /proc, /sys and /dev as the guest has them, in a mount namespace of
# their own, so that nothing stays mounted; ROOTFS is bound onto itself because runc cannot change
# the root of a chroot whose root is no mount point.
if [ -n "$rootfs" ]; then
  home=/opt/coco4j
  runner=(unshare --mount --propagation private sh -c 'mount --bind "$0" "$0" && mount -t proc proc "$0/proc" &&
    mount --rbind /sys "$0/sys" && mount --rbind /dev "$0/dev" && exec chroot "$0" "$@"' "$rootfs")
else
  home=$root/dist runner=()
fi
run() { "${runner[@]}" "$home/bin/$@"; }
[[ "$out" == "$rootfs"/* ]] || fail "OUT ($out) is not inside ROOTFS ($rootfs)"
mkdir -p "$out"
tmp=${TMPDIR:-/tmp}
[ -z "$rootfs" ] || tmp=$rootfs/tmp
work=$(mktemp -d "$tmp/coco4j-training.XXXXXX")
in=${work#"$rootfs"}

# The environment of launcher NAME's training runs.
training_env() { # name
  if [ "$kind" = aotconf ]; then
    # What the JVM says of its recording (classes it leaves out, where it wrote) goes to stderr,
    # not into the output of the run.
    echo "COCO4J_CACHE_OPTS=-XX:AOTMode=record -XX:AOTConfiguration=${out#"$rootfs"}/$1.aotconf -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr"
  else
    echo "COCO4J_JAVA_OPTS=-XX:DumpLoadedClassList=$in/$1-$RANDOM.lst"
  fi
}
# Runs a launcher once as part of its training. env, chroot and the launchers exec: started in
# the background, $! is the JVM itself.
trained() { # name args…
  env "$(training_env "$1")" "${runner[@]}" "$home/bin/$@"
}
# Starts a daemon, waits for it, runs the commands after -- (a pod's requests), then stops it.
serve_once() { # ready-check name args… [-- command…]
  local check=$1 launcher=$2 args=() then=(); shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
  [ $# -eq 0 ] || { shift; then=("$@"); }
  env "$(training_env "$launcher")" "${runner[@]}" "$home/bin/$launcher" "${args[@]}" > "$work/$launcher.log" 2>&1 &
  local jvm=$!
  pids+=($jvm)
  await "$launcher ($(tail -1 "$work/$launcher.log" 2>/dev/null))" $check
  [ ${#then[@]} -eq 0 ] || "${then[@]}"
  kill "$jvm"
  wait "$jvm" 2>/dev/null || true
}

start_swtpm "$work/swtpm"
cp "$pod/policy.rego" "$work/policy.rego"
golden_requests "$pod" > "$work/requests.jsonl"

# The workshop's development KBS, over HTTPS; the initdata names it and trusts its certificate, as
# a workshop's does.
kbs=$work/kbs
kbs_certificate "$kbs"
start_workshop_kbs "$kbs" "$root/dist/bin"
workshop_initdata "$kbs_url" "$kbs/https-cert/tls.crt" > "$work/initdata-open.toml"
# 'oc exec' restricted as the workshop restricts it (the agent's training runs a pod with it).
run initdata allow-exec --from "$in/initdata-open.toml" --command "uname -r" > "$work/initdata.toml"
# Its reference PCR8 (the KBS reads the file at each attestation).
run initdata reference-values --pcr8 "$(run initdata pcr8 "$in/initdata.toml")" > "$kbs/reference-values.json"
user_data "$(trained initdata encode "$in/initdata.toml")" > "$work/user-data"
trained initdata provision --source "file:$in/user-data" --out "$in/peerpod" --tpm "tcp:127.0.0.1:$tpm_port" > /dev/null
serve_once "is_socket $work/aa.sock" attestation-agent --config "$in/peerpod/aa.toml" --socket "unix://$in/aa.sock" \
  --tpm "tcp:127.0.0.1:$tpm_port" --initdata-digest "$in/peerpod/initdata.digest"
printf 'socket = "unix://%s"\n[kbc]\nname = "offline_fs_kbc"\n' "$in/cdh.sock" > "$work/cdh.toml"
serve_once "is_socket $work/cdh.sock" confidential-data-hub --config "$in/cdh.toml"
serve_once "grep -q listening $work/confidential-data-hub-rest.log" confidential-data-hub-rest --config "$in/cdh.toml" \
  --bind 127.0.0.1:0
serve_once "grep -q listening $work/api-server-rest.log" api-server-rest --bind 127.0.0.1:0 --cdh-socket "unix://$in/cdh.sock"
# guest-components with the provisioned cdh.toml (cc_kbc, the KBS's certificate), its sockets here.
sed "s|^socket = .*|socket = \"unix://$in/cdh.sock\"|" "$work/peerpod/cdh.toml" > "$work/guest-cdh.toml"
printf '\n[aa]\naa_socket = "unix://%s"\n' "$in/aa.sock" >> "$work/guest-cdh.toml"
fetch_resource() {
  local port
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/guest-components.log" | head -1)
  [ "$(curl -s "http://127.0.0.1:$port/cdh/resource/default/kbsres1/key1")" = 'Confidential_Secret!' ] \
    || fail "guest-components did not fetch the workshop's secret: $(tail -3 "$work/guest-components.log")"
}
serve_once "grep -q listening $work/guest-components.log" guest-components --config "$in/peerpod/aa.toml" \
  --socket "unix://$in/aa.sock" --tpm "tcp:127.0.0.1:$tpm_port" --initdata-digest "$in/peerpod/initdata.digest" \
  --cdh-config "$in/guest-cdh.toml" --bind 127.0.0.1:0 -- fetch_resource
# The agent starts with the workshop's policy and, where runc can run (as root), runs a pod as the
# workshop does: a container on this machine's /usr, an exec the policy allows and one it refuses.
# Then the recorded pod's policy replaces it and decides the pod's exec requests (the containers
# are not there, so each ends there); agent-ctl's training is the last of these calls.
pod_life() {
  local agent=(--server "unix://$in/agent.sock")
  run agent-ctl health "${agent[@]}" > /dev/null
  if [ "$(id -u)" -eq 0 ] && "${runner[@]}" /bin/sh -c 'command -v runc' > /dev/null; then
    mkdir -p "$work/pod-rootfs"
    for link in bin lib lib64 sbin; do ln -s "usr/$link" "$work/pod-rootfs/$link"; done
    run agent-ctl run "${agent[@]}" --id training --rootfs "$in/pod-rootfs" --bind /usr:/usr -- sleep 600 > /dev/null
    run agent-ctl exec "${agent[@]}" training -- uname -r > /dev/null
    run agent-ctl exec "${agent[@]}" training -- ls > /dev/null 2>&1 && fail "the workshop's policy let 'ls' run"
    run agent-ctl rm "${agent[@]}" training
  fi
  run agent-ctl set-policy "${agent[@]}" "$in/policy.rego" > /dev/null
  run agent-ctl exec "${agent[@]}" sandbox -- /bin/sh -c true > /dev/null 2>&1 || true
  trained agent-ctl exec "${agent[@]}" app -- cat /etc/hostname > /dev/null 2>&1 || true
}
serve_once "is_socket $work/agent.sock" agent --listen "unix://$in/agent.sock" --v0 \
  --policy "$in/peerpod/policy.rego" --state-dir "$in/agent" -- pod_life
trained agent-policy replay --policy "$in/policy.rego" --v0 --requests "$in/requests.jsonl" > /dev/null
trained aa-client --help > /dev/null

if [ "$kind" = lst ]; then
  # One list per launcher (its own runs only: agent-[0-9]* is not agent-policy's): classes in the
  # order first seen, the JVM's own directives kept. Newer JVMs number the classes of each run
  # ("NAME id: N"); the numbers of two runs clash, and classes of the built-in loaders need none.
  for launcher in $(ls "$work" | sed -n 's/-[0-9]*\.lst$//p' | sort -u); do
    sed 's/ id: [0-9]*$//' "$work/$launcher"-[0-9]*.lst | awk '!/^#/ && !seen[$0]++' > "$out/$launcher.lst"
  done
fi
