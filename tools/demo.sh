#!/usr/bin/env bash
# The workshop flow on one machine, with swtpm standing in for the confidential VM's vTPM.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bin=$root/dist/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-demo.XXXXXX")
pids=()
name=demo
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"


bold=$(tput bold 2>/dev/null || true); plain=$(tput sgr0 2>/dev/null || true)
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }
show() { printf '    $ %s\n' "${*#$bin/}" >&2; "$@"; }
curl_cmd="curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1"
listening 8006 && fail "port 8006 is in use; the workshop's URL needs it"
mkdir -p "$work/sockets"

step "Start a software TPM (swtpm) as the VM's vTPM"
start_swtpm "$work/swtpm"
echo "    swtpm listening on 127.0.0.1:$tpm_port"

step "Start the development KBS with the workshop's resources and resource policy"
start_workshop_kbs "$work/kbs" "$bin"
echo "    KBS at $kbs_url; default/kbsres1/key1 = Confidential_Secret!, key2 = 128 random bytes"
echo "    resource policy: allow when the attestation is affirming"

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
printf '    $ initdata reference-values --pcr8 %s …/reference-values.json\n' "$pcr8" >&2
register_pcr8 "$work/kbs" "$bin" "$pcr8"
sed 's/^/    | /' "$work/kbs/reference-values.json"

step "Boot: the provisioner reads the user-data, writes the configs and measures initdata into PCR8"
user_data "$annotation" > "$work/user-data"
peerpod=$work/run-peerpod
show "$bin/initdata" provision --source "file:$work/user-data" --out "$peerpod" --tpm "tcp:127.0.0.1:$tpm_port"

step "Check PCR8 independently with tpm2-tools"
measured=$(tpm2_pcrread -T "swtpm:host=127.0.0.1,port=$tpm_port" sha256:8 | awk '/8 *:/ {print tolower($3)}')
echo "    tpm2_pcrread: ${measured#0x}"
[ "${measured#0x}" = "$pcr8" ] || fail "PCR8 ${measured#0x} differs from the reference value $pcr8"
echo "    matches the registered reference value"

step "Start the guest services: attestation-agent (tpm), confidential-data-hub, api-server-rest"
started=$(date +%s%N)
aa_socket=$work/sockets/aa.sock cdh_socket=$work/sockets/cdh.sock
# The hub uses the provisioned cdh.toml, with its sockets moved under the demo's directory.
sed "s|^socket = .*|socket = 'unix://$cdh_socket'|" "$peerpod/cdh.toml" > "$work/cdh.toml"
printf '\n[aa]\naa_socket = "unix://%s"\n' "$aa_socket" >> "$work/cdh.toml"
"$bin/attestation-agent" --config "$peerpod/aa.toml" --socket "unix://$aa_socket" --tpm "tcp:127.0.0.1:$tpm_port" \
  --initdata "$work/initdata-restricted.toml" > "$work/aa.log" 2>&1 &
pids+=($!)
"$bin/confidential-data-hub" --config "$work/cdh.toml" --log-level warn > "$work/cdh.log" 2>&1 &
pids+=($!)
"$bin/api-server-rest" --cdh-socket "unix://$cdh_socket" > "$work/rest.log" 2>&1 &
pids+=($!)
await "the attestation agent ($(tail -1 "$work/aa.log" 2>/dev/null))" is_socket "$aa_socket"
await "the data hub" is_socket "$cdh_socket"
await "api-server-rest" listening 8006
echo "    all ready in $(( ($(date +%s%N) - started) / 1000000 )) ms"
grep -h "initdata binding" "$work/aa.log" | sed 's/^.*INFO */    attestation-agent: /'

step "A workload in the pod reads its secret (the first read attests with a TPM quote)"
show curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1 | sed 's/^/    /'; echo

if [ "$(id -u)" -eq 0 ] && command -v runc >/dev/null; then
  step "The agent with the provisioned policy; 'oc exec' into a runc container, as the shim sends it"
  socket=$work/sockets/agent.sock
  "$bin/agent" --listen "unix://$socket" --policy "$peerpod/policy.rego" --state-dir "$work/agent" \
    --log-level warn &
  pids+=($!)
  await "the agent" is_socket "$socket"
  mkdir -p "$work/rootfs"
  for link in bin lib lib64 sbin; do ln -sfn "usr/$link" "$work/rootfs/$link"; done
  show "$bin/agent-ctl" --server "unix://$socket" run --id pod1 --rootfs "$work/rootfs" --bind /usr:/usr -- sleep 600
  show "$bin/agent-ctl" --server "unix://$socket" exec pod1 -- $curl_cmd | sed 's/^/    /'; echo
  show "$bin/agent-ctl" --server "unix://$socket" exec pod1 -- uname -r | sed 's/^/    /'
  for refused in "ls" "${curl_cmd/key1/key2}"; do
    show "$bin/agent-ctl" --server "unix://$socket" exec pod1 -- $refused 2>&1 | sed 's/^ */    /' || true
  done
  "$bin/agent-ctl" --server "unix://$socket" rm pod1
else
  step "What the pod's agent policy decides for 'oc exec' (the agent with runc containers needs root)"
  show "$bin/agent-policy" check --initdata "$work/initdata-restricted.toml" exec -- $curl_cmd | sed 's/^/    /'
  show "$bin/agent-policy" check --initdata "$work/initdata-restricted.toml" exec -- ls | sed 's/^/    /' || true
fi

step "Why measurement matters: tampered initdata (another KBS URL) booted on a fresh vTPM"
sed "s|$kbs_url|http://attacker.example:8080|g" "$work/initdata-restricted.toml" > "$work/tampered.toml"
tampered=$("$bin/initdata" encode "$work/tampered.toml")
user_data "$tampered" > "$work/user-data-tampered"
start_swtpm "$work/swtpm-tampered"
"$bin/initdata" provision --source "file:$work/user-data-tampered" --out "$work/run-tampered" \
  --tpm "tcp:127.0.0.1:$tpm_port" | grep pcr8 | sed 's/^/    /'
"$bin/attestation-agent" --config "$peerpod/aa.toml" --socket "unix://$work/sockets/aa-tampered.sock" \
  --tpm "tcp:127.0.0.1:$tpm_port" --initdata "$work/tampered.toml" > "$work/aa-tampered.log" 2>&1 &
pids+=($!)
await "the second attestation agent" is_socket "$work/sockets/aa-tampered.sock"
show "$bin/aa-client" --socket "unix://$work/sockets/aa-tampered.sock" token 2>&1 | sed 's/^ */    /' \
  && fail "the KBS issued a token for tampered initdata"
echo "    no token, so no secret: the KBS expects the PCR8 of the registered initdata"

step "Done; everything started is stopped"
