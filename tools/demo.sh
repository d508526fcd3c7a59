#!/usr/bin/env bash
# The workshop flow on one machine, with swtpm standing in for the confidential VM's vTPM.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bin=$root/dist/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-demo.XXXXXX")
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bold=$(tput bold 2>/dev/null || true); plain=$(tput sgr0 2>/dev/null || true)
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }
show() { printf '    $ %s\n' "${*#$bin/}" >&2; "$@"; }
fail() { echo "demo: $*" >&2; exit 1; }

# A free TCP port whose successor is free too (swtpm's control port).
free_port_pair() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$((port + 1))) 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  fail "no free port pair on loopback"
}

start_swtpm() { # dir → sets tpm_port
  mkdir -p "$1"
  tpm_port=$(free_port_pair)
  swtpm socket --tpm2 --tpmstate dir="$1" --flags not-need-init,startup-clear \
    --server type=tcp,port="$tpm_port",bindaddr=127.0.0.1 \
    --ctrl type=tcp,port=$((tpm_port + 1)),bindaddr=127.0.0.1 >"$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do
    (exec 3<>/dev/tcp/127.0.0.1/"$tpm_port") 2>/dev/null && return 0
    sleep 0.05
  done
  fail "swtpm did not start: $(cat "$1.log")"
}

kbs_url=http://127.0.0.1:8080
curl_cmd="curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1"

step "Start a software TPM (swtpm) as the VM's vTPM"
start_swtpm "$work/swtpm"
echo "    swtpm listening on 127.0.0.1:$tpm_port"

step "Write the workshop initdata (KBS at $kbs_url)"
sed "s|@KBS_URL@|$kbs_url|g" "$root/tools/demo/initdata.toml.in" > "$work/initdata.toml"
show "$bin/initdata" show "$work/initdata.toml"

step "Allow exactly two commands for 'oc exec'"
show "$bin/initdata" allow-exec --from "$work/initdata.toml" \
  --command "$curl_cmd" --command "uname -r" > "$work/initdata-restricted.toml"
sed -n "/default ExecProcessRequest/,/^'''/p" "$work/initdata-restricted.toml" | sed "/^'''/d; s/^/    | /"

step "The pod annotation and the PCR8 reference value"
annotation=$("$bin/initdata" encode "$work/initdata-restricted.toml")
pcr8=$("$bin/initdata" pcr8 "$work/initdata-restricted.toml")
echo "    io.katacontainers.config.hypervisor.cc_init_data: ${annotation:0:60}… (${#annotation} chars)"
echo "    PCR8 after boot: $pcr8"

step "Register PCR8 with the KBS reference values"
show "$bin/initdata" reference-values --pcr8 "$pcr8" > "$work/reference-values.json"
sed 's/^/    | /' "$work/reference-values.json"

step "Boot: the provisioner reads the user-data, writes the configs and measures initdata into PCR8"
printf '#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: %s\n' "$annotation" > "$work/user-data"
show "$bin/initdata" provision --source "file:$work/user-data" --out "$work/run-peerpod" --tpm "tcp:127.0.0.1:$tpm_port"

step "Check PCR8 independently with tpm2-tools"
measured=$(tpm2_pcrread -T "swtpm:host=127.0.0.1,port=$tpm_port" sha256:8 | awk '/8 *:/ {print tolower($3)}')
echo "    tpm2_pcrread: ${measured#0x}"
[ "${measured#0x}" = "$pcr8" ] || fail "PCR8 ${measured#0x} differs from the reference value $pcr8"
echo "    matches the registered reference value"

step "Provisioning again in the same boot does not extend PCR8 a second time"
"$bin/initdata" provision --source "file:$work/user-data" --out "$work/run-peerpod" --tpm "tcp:127.0.0.1:$tpm_port" | grep pcr8 | sed 's/^/    /'

step "What the pod's agent policy decides for 'oc exec' (check also takes the annotation value)"
show "$bin/agent-policy" check --initdata "$work/initdata-restricted.toml" exec -- $curl_cmd | sed 's/^/    /'
show "$bin/agent-policy" check --initdata "$work/initdata-restricted.toml" exec -- ls | sed 's/^/    /' || true

if [ "$(id -u)" -eq 0 ] && command -v runc >/dev/null; then
  step "The agent with the provisioned policy, a runc container, and 'oc exec' as the shim sends it"
  socket=$work/agent.sock
  "$bin/agent" --listen "unix://$socket" --policy "$work/run-peerpod/policy.rego" --state-dir "$work/agent" \
    --log-level warn &
  pids+=($!)
  for _ in $(seq 200); do [ -S "$socket" ] && break; sleep 0.05; done
  mkdir -p "$work/rootfs"
  for link in bin lib lib64 sbin; do ln -sfn "usr/$link" "$work/rootfs/$link"; done
  show "$bin/agent-ctl" --server "unix://$socket" run --id pod1 --rootfs "$work/rootfs" --bind /usr:/usr -- sleep 600
  show "$bin/agent-ctl" --server "unix://$socket" exec pod1 -- uname -r | sed 's/^/    /'
  status=0
  show "$bin/agent-ctl" --server "unix://$socket" exec pod1 -- $curl_cmd >/dev/null 2>&1 || status=$?
  echo "    curl ran in the container and exited with $status (nothing serves 127.0.0.1:8006 in this demo)"
  status=0
  show "$bin/agent-ctl" --server "unix://$socket" exec pod1 -- ls 2>&1 | sed 's/^ */    /' || true
  "$bin/agent-ctl" --server "unix://$socket" rm pod1
else
  step "Skipping the agent with runc containers (needs root and runc)"
fi

step "Done; everything started is stopped"
