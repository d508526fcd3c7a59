#!/usr/bin/env bash
# Boots the guest image under QEMU with swtpm as its TPM and a cidata disk carrying the workshop
# initdata, then drives the pod from the host like the workshop: the agent on TCP 15150 (forwarded),
# the secret read from inside the VM, `uname -r` (the guest's kernel), `ls` refused, and PCR8
# equal to `initdata pcr8` of the delivered TOML. Prints the image size, build and boot figures.
# KVM when it can run a guest here, TCG otherwise. Needs root (the image build).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(dirname "$here")
bin=$root/dist/bin
image=${COCO4J_IMAGE_OUT:-$here/out}
work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-image-test.XXXXXX")
pids=()
name=image-test
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"

say() { printf '==> %s\n' "$*"; }
ctl() { "$bin/agent-ctl" --server "tcp:127.0.0.1:$agent_port" "$@"; }

for cmd in qemu-system-x86_64 swtpm xorriso; do command -v "$cmd" >/dev/null || fail "$cmd is missing"; done

say "Build the image"
"$here/build.sh" "$image"
sed -n '1,4p' "$image/image.txt" | sed 's/^/    /'
guest_kernel=$(sed -n 's/^kernel: //p' "$image/image.txt")

# /dev/kvm can exist without running guests (nested virtualisation): KVM only if a kernel prints.
accel=(-accel tcg,thread=multi -cpu max)
if [ -w /dev/kvm ]; then
  timeout 15 qemu-system-x86_64 -accel kvm -cpu host,-arch-capabilities -m 256 -display none -monitor none \
    -serial file:"$work/kvm-probe.log" -kernel "$image/vmlinuz" -append "console=ttyS0 panic=-1" -no-reboot \
    >/dev/null 2>&1 || true
  grep -q "Linux version" "$work/kvm-probe.log" 2>/dev/null && accel=(-accel kvm -cpu host,-arch-capabilities)
fi
say "Accelerator: ${accel[1]}"

say "The development KBS, the workshop initdata for it, and the PCR8 reference value"
start_workshop_kbs "$work/kbs" "$bin"
kbs_port=${kbs_url##*:}
# The registry of the guest pull, its KEK, cosign key and signature policy served by the KBS.
registry=${TMPDIR:-/tmp}/coco4j-guest-registry
image_ref=$("$here/image-registry.sh" start "$registry" "$work/kbs/repository")
pids+=($(cat "$registry"/run/*.pid))
# QEMU's user network shows the host's loopback to the guest as 10.0.2.2.
sed "s|@KBS_URL@|http://10.0.2.2:$kbs_port|g" "$root/tools/demo/initdata.toml.in" > "$work/initdata.toml"
"$here/image-registry.sh" initdata "$registry" "$work/initdata.toml"
curl_cmd="curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1"
"$bin/initdata" allow-exec --from "$work/initdata.toml" --command "$curl_cmd" --command "uname -r" \
  --command "cat /secret.txt" \
  > "$work/initdata-restricted.toml"
pcr8=$("$bin/initdata" pcr8 "$work/initdata-restricted.toml")
register_pcr8 "$work/kbs" "$bin" "$pcr8"
echo "    KBS $kbs_url (http://10.0.2.2:$kbs_port from the guest); PCR8 reference $pcr8"

# A cidata disk (NoCloud) whose user-data carries an initdata annotation.
make_cidata() { # annotation iso
  local dir=$work/cidata-$(basename "$2" .iso)
  mkdir -p "$dir"
  user_data "$1" > "$dir/user-data"
  printf 'instance-id: coco4j-image-test\nlocal-hostname: coco4j-podvm\n' > "$dir/meta-data"
  xorriso -as mkisofs -quiet -output "$2" -volid cidata -joliet -rock "$dir/user-data" "$dir/meta-data" 2>/dev/null
}

# Boots the image on a fresh swtpm with a cidata disk; the agent's port 15150 is forwarded to
# agent_port. Sets qemu (its pid) and console (the serial log).
boot() { # iso tag
  local tpm=$work/tpm-$2
  mkdir -p "$tpm"
  swtpm socket --tpm2 --tpmstate dir="$tpm" --ctrl type=unixio,path="$tpm/ctrl.sock" --log file="$tpm/log" \
    > "$tpm.out" 2>&1 &
  pids+=($!)
  await "swtpm" is_socket "$tpm/ctrl.sock"
  agent_port=$(free_port_pair)
  console=$work/console-$2.log
  qemu-system-x86_64 "${accel[@]}" -machine q35 -m 2048 -smp 2 -display none -monitor none -no-reboot \
    -serial file:"$console" -kernel "$image/vmlinuz" -initrd "$image/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 panic=-1" \
    -drive file="$image/disk.raw",if=virtio,format=raw,snapshot=on \
    -drive file="$1",if=virtio,format=raw,readonly=on \
    -netdev user,id=net0,hostfwd=tcp:127.0.0.1:"$agent_port"-:15150 -device virtio-net-pci,netdev=net0 \
    -chardev socket,id=tpm,path="$tpm/ctrl.sock" -tpmdev emulator,id=tpm0,chardev=tpm \
    -device tpm-crb,tpmdev=tpm0 > "$work/qemu-$2.out" 2>&1 &
  qemu=$!
  pids+=($qemu)
}
boot_failed() { tail -40 "$console" >&2; fail "$*"; }

say "Boot: swtpm as the vTPM, a cidata disk with the initdata annotation, port 15150 forwarded"
make_cidata "$("$bin/initdata" encode "$work/initdata-restricted.toml")" "$work/workshop.iso"
booted=$(date +%s%N)
boot "$work/workshop.iso" workshop
deadline=$(( $(date +%s) + 600 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  kill -0 "$qemu" 2>/dev/null || boot_failed "QEMU stopped: $(cat "$work/qemu-workshop.out")"
  ctl --connect-timeout 5 health 2>/dev/null | grep -q SERVING && break
  sleep 1
done
ctl health 2>/dev/null | grep -q SERVING || boot_failed "the agent did not answer within 10 minutes"
ready_ms=$(( ($(date +%s%N) - booted) / 1000000 ))
serving_at=$(grep -a "serving AgentService" "$console" | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p' | head -1)
echo "    agent ready on 127.0.0.1:$agent_port after $ready_ms ms (serving at ${serving_at:-?} s of the guest's uptime)"

say "PCR8, as the provisioner measured it in the VM"
measured=$(sed -n 's/^.*pcr8: *\([0-9a-f]\{64\}\) (extended).*$/\1/p' "$console" | head -1)
echo "    provisioner: $measured; initdata pcr8: $pcr8"
[ "$measured" = "$pcr8" ] || boot_failed "PCR8 in the VM differs from initdata pcr8"
grep -q "initdata binding verified against the hardware" "$console" \
  || boot_failed "the attestation agent did not verify the initdata binding"

say "The pod: a container in the pod network namespace, 'oc exec' as the shim sends it"
ctl run --id pod1 --rootfs /opt/coco4j/pod-rootfs --bind /usr:/usr -- sleep 3600 || boot_failed "agent-ctl run failed"
secret=""
for _ in $(seq 120); do # api-server-rest may still be starting (curl exits 7 then)
  secret=$(ctl exec pod1 -- $curl_cmd) && [ -n "$secret" ] && break
  sleep 1
done
echo "    $curl_cmd → $secret"
[ "$secret" = "Confidential_Secret!" ] || boot_failed "the secret read in the VM is '$secret'"
uname_r=$(ctl exec pod1 -- uname -r) || boot_failed "uname -r failed"
echo "    uname -r → $uname_r (host: $(uname -r))"
[ "$uname_r" = "$guest_kernel" ] || fail "uname -r in the pod is '$uname_r', not the guest kernel $guest_kernel"
[ "$uname_r" != "$(uname -r)" ] || fail "uname -r in the pod is the host's kernel"
status=0
refusal=$(ctl exec pod1 -- ls 2>&1) || status=$?
echo "    ls → exit $status: $refusal"
[ "$status" -eq 126 ] && [[ "$refusal" == "ExecProcessRequest is blocked by policy"* ]] || fail "ls was not refused by the policy"

# The guest pull: the data hub in the VM pulls a signed, encrypted image from the host's registry
# (its signature checked against the KBS's policy and key, its layers decrypted with the KBS's KEK)
# into the agent's bundle under /run, and the container runs on it; an unsigned image is refused.
guest_pull() {
  say "Guest pull: $image_ref (cosign-signed, encrypted) through image_guest_pull"
  local pulled=$(date +%s%N) secret status=0 refusal
  ctl run --id img1 --image "$image_ref" -- /bin/busybox sleep 3600 || boot_failed "agent-ctl run --image failed"
  echo "    pulled and started in $(( ($(date +%s%N) - pulled) / 1000000 )) ms"
  secret=$(ctl exec img1 -- cat /secret.txt) || boot_failed "cat /secret.txt in the pulled image failed"
  echo "    cat /secret.txt → $secret"
  [ "$secret" = "secret of repository encrypted (readable only with the KEK)" ] || fail "the pulled image's secret is '$secret'"
  refusal=$(ctl run --id img2 --image "${image_ref%/*}/plain:v1" -- /bin/busybox sleep 3600 2>&1) || status=$?
  echo "    unsigned ${image_ref%/*}/plain:v1 → exit $status: $refusal"
  [ "$status" -ne 0 ] && [[ "$refusal" == *"pull image failed (policy)"* ]] || fail "the unsigned image was not refused"
}
guest_pull

kill "$qemu"

say "Fail closed: user-data whose initdata does not parse stops the boot before any service"
make_cidata "not-an-initdata-annotation" "$work/broken.iso"
boot "$work/broken.iso" broken
for _ in $(seq 300); do
  grep -aq "Dependency failed for" "$console" 2>/dev/null && break
  kill -0 "$qemu" 2>/dev/null || boot_failed "QEMU stopped: $(cat "$work/qemu-broken.out")"
  sleep 1
done
grep -aq "Dependency failed for.*Attestation Agent" "$console" || boot_failed "the attestation agent was not held back"
grep -a "initdata\[" "$console" | sed 's/^.*initdata\[[0-9]*\]: /    provisioner: /' | head -3
! grep -aq "serving AttestationAgentService" "$console" || boot_failed "the attestation agent started"
! ctl health >/dev/null 2>&1 || boot_failed "the agent answers although provisioning failed"
echo "    no attestation agent, no data hub, no agent"
kill "$qemu"

image_mib=$(( $(stat -c %s "$image/disk.raw") / 1048576 ))
say "Passed. image: ${image_mib} MiB raw ($(du -sm "$image/disk.raw" | cut -f1) MiB used), $(sed -n 's/^build: //p' "$image/image.txt") to build; boot to agent ready: $ready_ms ms, agent serving at ${serving_at:-?} s uptime (${accel[1]})"
