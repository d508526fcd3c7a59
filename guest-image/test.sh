#!/usr/bin/env bash
# Boots the guest image's GPT disk under QEMU with OVMF (UEFI: the disk's unified kernel image),
# swtpm as its TPM and a cidata disk carrying the workshop initdata, then drives the pod from the
# host like the workshop: the agent on TCP 15150 (forwarded), the secret read from inside the VM
# from a KBS whose attestation policy wants the image's PCRs 4, 9, 11 and 12 and the initdata's
# PCR8, `uname -r` (the guest's kernel), `ls` refused. The PCRs the TPM quoted to the KBS must be
# the ones the build computed; a boot whose initdata does not parse, and one whose root has one
# byte changed (dm-verity), must stop before any service. Prints the image size, build and boot
# figures, and keeps the boot figure in OUT/boot.txt. KVM when it can run a guest here, TCG
# otherwise. Needs root (the image build).
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

for cmd in qemu-system-x86_64 qemu-img qemu-io swtpm xorriso; do command -v "$cmd" >/dev/null || fail "$cmd is missing"; done
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
[ -f "$ovmf_code" ] && [ -f "$ovmf_vars" ] || fail "OVMF is missing (apt-get install ovmf)"

say "Build the image"
"$here/build.sh" "$image"
sed -n '1,4p' "$image/image.txt" | sed 's/^/    /'
guest_kernel=$(sed -n 's/^kernel: //p' "$image/image.txt")
# The cloud forms: the same disk, the VHD fixed and a whole number of MiB.
raw_size=$(stat -c %s "$image/disk.raw")
[ $((raw_size % 1048576)) -eq 0 ] || fail "disk.raw is not a whole number of MiB"
qemu-img compare -q -f raw -F qcow2 "$image/disk.raw" "$image/disk.qcow2" || fail "disk.qcow2 differs from disk.raw"
# A fixed VHD is the disk and a 512-byte footer, which QEMU reads when told the format.
qemu-img info -f vpc --output=json "$image/disk.vhd" | grep -q "\"virtual-size\": $raw_size," \
  && [ $(( $(stat -c %s "$image/disk.vhd") - raw_size )) -eq 512 ] || fail "disk.vhd is not the fixed VHD of disk.raw"

# /dev/kvm can exist without running guests (nested virtualisation): KVM only if a kernel prints.
accel=(-accel tcg,thread=multi -cpu max)
if [ -w /dev/kvm ]; then
  timeout 15 qemu-system-x86_64 -accel kvm -cpu host,-arch-capabilities -m 256 -display none -monitor none \
    -serial file:"$work/kvm-probe.log" -kernel "$image/vmlinuz" -append "console=ttyS0 panic=-1" -no-reboot \
    >/dev/null 2>&1 || true
  grep -q "Linux version" "$work/kvm-probe.log" 2>/dev/null && accel=(-accel kvm -cpu host,-arch-capabilities)
fi
say "A UKI with one byte changed has other reference values"
cp "$image/BOOTX64.EFI" "$work/changed.efi"
printf '\x5a' | dd of="$work/changed.efi" bs=1 seek=$(( $(stat -c %s "$work/changed.efi") / 2 )) conv=notrunc status=none
"$here/pcrs.sh" --tools "$(sed -n 's/^build tools: //p' "$image/image.txt")" "$work/changed.efi" > "$work/changed-pcrs.txt"
paste "$image/pcrs.txt" "$work/changed-pcrs.txt" | awk '$2 != $4 {print "    " $1 " " $2 " → " $4; n++} END {exit n < 2}' \
  || fail "changing the UKI's middle byte left its PCR 4 or the PCR of its section unchanged"

say "Accelerator: ${accel[1]}"

say "The development KBS, the workshop initdata for it, and the reference values: the image's PCRs and PCR8"
start_workshop_kbs "$work/kbs" "$bin" --attestation-policy "$here/attestation-policy.rego"
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
"$bin/initdata" reference-values --format workshop --image "$image/reference-values.json" --pcr8 "$pcr8" \
  > "$work/kbs/reference-values.json"
echo "    KBS $kbs_url (http://10.0.2.2:$kbs_port from the guest); PCR8 reference $pcr8"
sed 's/^/    image reference /' "$image/pcrs.txt"

# A cidata disk (NoCloud) whose user-data carries an initdata annotation.
make_cidata() { # annotation iso
  local dir=$work/cidata-$(basename "$2" .iso)
  mkdir -p "$dir"
  user_data "$1" > "$dir/user-data"
  printf 'instance-id: coco4j-image-test\nlocal-hostname: coco4j-podvm\n' > "$dir/meta-data"
  xorriso -as mkisofs -quiet -output "$2" -volid cidata -joliet -rock "$dir/user-data" "$dir/meta-data" 2>/dev/null
}

# Boots DISK (default the image's disk.raw, unchanged: QEMU writes to a snapshot) with OVMF, a fresh
# copy of its variables and a fresh swtpm, and a cidata disk; the agent's port 15150 is forwarded to
# agent_port. Sets qemu (its pid) and console (the serial log).
boot() { # iso tag [disk format]
  local tpm=$work/tpm-$2 disk=${3:-$image/disk.raw} format=${4:-raw}
  mkdir -p "$tpm"
  swtpm socket --tpm2 --tpmstate dir="$tpm" --ctrl type=unixio,path="$tpm/ctrl.sock" --log file="$tpm/log" \
    > "$tpm.out" 2>&1 &
  pids+=($!)
  await "swtpm" is_socket "$tpm/ctrl.sock"
  agent_port=$(free_port_pair)
  console=$work/console-$2.log
  cp "$ovmf_vars" "$work/ovmf-vars-$2.fd"
  qemu-system-x86_64 "${accel[@]}" -machine q35 -m 2048 -smp 2 -display none -monitor none -no-reboot \
    -serial file:"$console" \
    -drive if=pflash,format=raw,unit=0,readonly=on,file="$ovmf_code" \
    -drive if=pflash,format=raw,unit=1,file="$work/ovmf-vars-$2.fd" \
    -drive file="$disk",if=none,id=disk,format="$format",snapshot=on -device virtio-blk-pci,drive=disk,bootindex=0 \
    -drive file="$1",if=none,id=cidata,format=raw,readonly=on -device virtio-blk-pci,drive=cidata \
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

say "The boot PCRs the TPM quoted to the KBS, against those the build computed from the image"
claims=$(grep -a "evidence verified: " "$work/kbs.log" | tail -1)
[ -n "$claims" ] || fail "no TPM evidence reached the KBS: $(tail -3 "$work/kbs.log")"
while read -r pcr computed; do
  measured=$(grep -o "\"$pcr\":\"[0-9a-f]*\"" <<<"$claims" | cut -d'"' -f4)
  echo "    $pcr computed $computed measured ${measured:-?}"
  [ "$measured" = "$computed" ] || fail "$pcr measured in the VM differs from the value computed at build time"
done < "$image/pcrs.txt"
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
# The console shortens a status line in its middle: the unit name begins it.
grep -aq "Dependency failed for.*guest-comp" "$console" || boot_failed "the guest components were not held back"
grep -a "initdata\[" "$console" | sed 's/^.*initdata\[[0-9]*\]: /    provisioner: /' | head -3
! grep -aq "serving AttestationAgentService" "$console" || boot_failed "the attestation agent started"
! ctl health >/dev/null 2>&1 || boot_failed "the agent answers although provisioning failed"
echo "    no attestation agent, no data hub, no agent"
kill "$qemu"

say "Fail closed: a root file system with one byte changed (its label, in the superblock) does not boot"
root_offset=$(sed -n 's/^root partition: offset \([0-9]*\).*/\1/p' "$image/image.txt")
qemu-img create -q -f qcow2 -b "$image/disk.raw" -F raw "$work/changed.qcow2"
qemu-io -f qcow2 -c "write -P 0x21 $((root_offset + 1024 + 120)) 1" "$work/changed.qcow2" >/dev/null
boot "$work/workshop.iso" changed "$work/changed.qcow2" qcow2
for _ in $(seq 300); do
  kill -0 "$qemu" 2>/dev/null || break
  sleep 1
done
! kill -0 "$qemu" 2>/dev/null || boot_failed "the VM with a changed root still runs after 5 minutes"
grep -a -m1 "device-mapper: verity.*corrupted" "$console" | sed 's/^/    /' \
  || boot_failed "the VM stopped, but not on dm-verity's corruption"
! grep -aq "serving AttestationAgentService\|serving AgentService" "$console" || boot_failed "a service started"
echo "    the kernel stopped the VM; no service started"

image_mib=$(( $(stat -c %s "$image/disk.raw") / 1048576 ))
# Kept beside the image for `./run bench`, which prints the last passing run's figures.
printf 'boot to agent ready: %s ms, agent serving at %s s of the guest uptime (%s), %s\n' \
  "$ready_ms" "${serving_at:-?}" "${accel[1]}" "$(date -u +%Y-%m-%dT%H:%MZ)" > "$image/boot.txt"
say "Passed. image: ${image_mib} MiB raw ($(du -sm "$image/disk.raw" | cut -f1) MiB used), $(sed -n 's/^build: //p' "$image/image.txt") to build; boot to agent ready: $ready_ms ms, agent serving at ${serving_at:-?} s uptime (${accel[1]})"
