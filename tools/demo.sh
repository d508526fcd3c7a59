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
workshop=$root/tools/demo/workshop
references=rvps/reference-values/reference-values.json
listening 8006 && fail "port 8006 is in use; the workshop's URL needs it"

# The development KBS in DIR laid out as the workshop's Trustee: its kbs-config.toml, default.rego
# (attestation policy) and policy.rego (resource policy) as they are, the secrets kbsres1/key1 and
# key2, and HTTPS with a certificate of its own; plus the development root, and a free loopback port
# (the KBS's --socket option).
start_seed_workshop_kbs() { # dir
  local dir=$1
  mkdir -p "$dir/kbs/repository/default/kbsres1" "$dir/attestation-service/policies/opa" "$dir/opa" \
    "$dir/$(dirname "$references")"
  printf 'Confidential_Secret!' > "$dir/kbs/repository/default/kbsres1/key1"
  head -c 128 /dev/urandom > "$dir/kbs/repository/default/kbsres1/key2"
  cp "$workshop/default.rego" "$dir/attestation-service/policies/opa/default.rego"
  cp "$workshop/policy.rego" "$dir/opa/policy.rego"
  echo '[]' > "$dir/$references"
  { cat "$workshop/kbs-config.toml"
    printf '\n[development]\ninsecure_snp_development_root = "%s"\n' "$work/dev-amd-root.pem"
  } > "$dir/kbs-config.toml"
  kbs_certificate "$dir"
  start_kbs "$dir" "$bin" --socket 127.0.0.1:0
}

# The claims of a KBS token answer ({"token":"<JWT>",…}), or nothing.
jwt_claims() { # answer
  local payload
  payload=$(printf '%s' "$1" | sed -n 's/.*"token":"[^.]*\.\([^.]*\)\..*/\1/p' | tr '_-' '/+')
  while [ $(( ${#payload} % 4 )) -ne 0 ]; do payload+='='; done
  printf '%s' "$payload" | base64 -d 2>/dev/null || true
}
mkdir -p "$work/sockets"

step "An Azure SEV-SNP confidential VM on this machine: swtpm as its vTPM, a development AMD-like root"
start_swtpm "$work/swtpm"; vm_tpm=$tpm_port
start_swtpm "$work/swtpm-tampered"; tampered_tpm=$tpm_port
"$bin/azure-snp-dev-platform" --root "$work/dev-amd-root.pem" \
  --tpm "tcp:127.0.0.1:$vm_tpm" --tpm "tcp:127.0.0.1:$tampered_tpm" > "$work/platform.log" 2>&1 &
pids+=($!)
await "the development platform ($(tail -1 "$work/platform.log" 2>/dev/null))" grep -q '^imds: ' "$work/platform.log"
vtpm=$(sed -n 's/^vtpm: //p' "$work/platform.log" | sed -n 1p)
tampered_vtpm=$(sed -n 's/^vtpm: //p' "$work/platform.log" | sed -n 2p)
imds=$(sed -n 's/^imds: //p' "$work/platform.log")
echo "    vTPM (AK at 0x81000003, HCL report in NV 0x01400001, refreshed as Azure's paravisor does): $vtpm"
echo "    IMDS with the VCEK (ASK and ARK of the development root): $imds"

step "Start the development KBS with the workshop's kbs-config.toml, attestation policy and resource policy"
start_seed_workshop_kbs "$work/kbs"
echo "    KBS at $kbs_url; default/kbsres1/key1 = Confidential_Secret!, key2 = 128 random bytes"
echo "    the workshop's files, with one line added: [development] insecure_snp_development_root"

step "Write the workshop initdata (KBS at $kbs_url)"
workshop_initdata "$kbs_url" "$work/kbs/https-cert/tls.crt" > "$work/initdata.toml"
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

step "Register PCR8 with the KBS reference values, as the workshop does with \${PCR8_HASH}"
show "$bin/initdata" reference-values --format workshop --pcr8 "$pcr8" | sed 's/^/    | /'
sed "s/\${PCR8_HASH}/$pcr8/" "$workshop/reference-values.json" > "$work/kbs/$references"
echo "    written to …/$references (the workshop's other PCRs are this vTPM's: zero)"

step "Boot: the provisioner reads the user-data, writes the configs and measures initdata into PCR8"
user_data "$annotation" > "$work/user-data"
peerpod=$work/run-peerpod
show "$bin/initdata" provision --source "file:$work/user-data" --out "$peerpod" --tpm "tcp:127.0.0.1:$vm_tpm"

step "Check PCR8 independently with tpm2-tools"
measured=$(tpm2_pcrread -T "swtpm:host=127.0.0.1,port=$vm_tpm" sha256:8 | awk '/8 *:/ {print tolower($3)}')
echo "    tpm2_pcrread: ${measured#0x}"
[ "${measured#0x}" = "$pcr8" ] || fail "PCR8 ${measured#0x} differs from the reference value $pcr8"
echo "    matches the registered reference value"

step "Start the guest services as the image does: guest-components (the attestation agent on az-snp-vtpm, then the data hub with the REST API, one JVM)"
started=$(date +%s%N)
aa_socket=$work/sockets/aa.sock cdh_socket=$work/sockets/cdh.sock
# The hub uses the provisioned cdh.toml, with its sockets moved under the demo's directory.
sed "s|^socket = .*|socket = 'unix://$cdh_socket'|" "$peerpod/cdh.toml" > "$work/cdh.toml"
printf '\n[aa]\naa_socket = "unix://%s"\n' "$aa_socket" >> "$work/cdh.toml"
# In the guest the REST API's listener is systemd's socket in the pod's namespace; here a loopback port.
"$bin/guest-components" --config "$peerpod/aa.toml" --socket "unix://$aa_socket" --tpm "$vtpm" --azure-imds "$imds" \
  --initdata "$work/initdata-restricted.toml" --cdh-config "$work/cdh.toml" --bind 127.0.0.1:8006 --log-level warn \
  > "$work/guest.log" 2>&1 &
pids+=($!)
await "the attestation agent ($(tail -1 "$work/guest.log" 2>/dev/null))" is_socket "$aa_socket"
await "the data hub" is_socket "$cdh_socket"
await "the REST API" listening 8006
echo "    all ready in $(( ($(date +%s%N) - started) / 1000000 )) ms"
grep -h "initdata binding" "$work/guest.log" | sed 's/^.*INFO */    attestation-agent: /'

step "A workload in the pod reads its secret (the first read attests: vTPM quote, HCL and SNP reports, VCEK)"
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

step "Why measurement matters: tampered initdata (another KBS URL) booted on a second VM"
sed "s|$kbs_url|http://attacker.example:8080|g" "$work/initdata-restricted.toml" > "$work/tampered.toml"
tampered=$("$bin/initdata" encode "$work/tampered.toml")
user_data "$tampered" > "$work/user-data-tampered"
"$bin/initdata" provision --source "file:$work/user-data-tampered" --out "$work/run-tampered" \
  --tpm "tcp:127.0.0.1:$tampered_tpm" | grep pcr8 | sed 's/^/    /'
# Its attestation agent keeps the genuine aa.toml (the real KBS); the initdata it presents is the question.
second_aa=("$bin/attestation-agent" --config "$peerpod/aa.toml" --tpm "$tampered_vtpm" --azure-imds "$imds")
echo "    presenting the genuine initdata, which this VM's PCR8 does not measure: no token"
refusal=$(timeout 60 "${second_aa[@]}" --socket "unix://$work/sockets/aa-refused.sock" \
  --initdata "$work/initdata-restricted.toml" 2>&1) && fail "the attestation agent served initdata that PCR8 does not measure"
printf '%s\n' "$refusal" | grep -o 'initdata is not bound.*' | sed 's/^/    attestation-agent: /'
echo "    presenting the tampered initdata it measured: the binding holds, the reference PCR8 does not"
"${second_aa[@]}" --socket "unix://$work/sockets/aa-tampered.sock" --initdata "$work/tampered.toml" \
  > "$work/aa-tampered.log" 2>&1 &
pids+=($!)
await "the second attestation agent" is_socket "$work/sockets/aa-tampered.sock"
token=$("$bin/aa-client" --socket "unix://$work/sockets/aa-tampered.sock" token 2>&1) || true
status=$(jwt_claims "$token" | grep -o '"ear.status":"[a-z]*"' || true)
echo "    the KBS's appraisal: ${status:-no token}"
grep -h "attested as" "$work/kbs.log" | tail -1 | sed 's/^.*INFO */    kbs: /'
[ "$status" = '"ear.status":"affirming"' ] && fail "the KBS affirmed tampered initdata"
jwt=$(printf '%s' "$token" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
printf '    $ curl -s -H "Authorization: Bearer <that token>" %s\n' "$kbs_url/kbs/v0/resource/default/kbsres1/key1"
curl -s --cacert "$work/kbs/https-cert/tls.crt" -H "Authorization: Bearer $jwt" "$kbs_url/kbs/v0/resource/default/kbsres1/key1" | sed 's/^/    /'; echo
echo "    not affirming, so the workshop's resource policy releases nothing: the KBS expects the registered PCR8"

step "Done; everything started is stopped"
