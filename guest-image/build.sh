#!/usr/bin/env bash
# Builds the peer-pod guest image into OUT:
#   disk.raw     GPT: an EFI system partition whose EFI/BOOT/BOOTX64.EFI is a unified kernel image
#                (systemd-stub, kernel, initrd, command line), a read-only ext4 root and its
#                dm-verity hash tree; the root hash is on the UKI's command line
#   disk.qcow2, disk.vhd (fixed size, 1 MiB aligned)   the same disk for clouds
#   vmlinuz, initrd.img, cmdline   the UKI's parts, for direct kernel boot
#   reference-values.json, reference-values.workshop.json   PCR 4, 9, 11 and 12 as OVMF and the
#                stub will measure them (pcrs.sh), for the KBS
#   image.txt    what is inside
# Needs root, debootstrap, e2fsprogs and qemu-img; no Docker, no loop devices. The Debian bases are
# cached (COCO4J_IMAGE_CACHE, default /var/cache/coco4j/guest-image) by their package lists: the
# guest's (packages.txt) and the build tools' (build-tools.txt: ukify, the stub, veritysetup,
# mtools, sfdisk, pesign, run through chroot so the host needs none of them).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(dirname "$here")
fail() { echo "build.sh: $*" >&2; exit 1; }

[ $# -eq 1 ] && [ "$1" != -h ] && [ "$1" != --help ] || {
  echo "usage: guest-image/build.sh OUT   (as root; the project's dist/ must be built)" >&2; exit 2; }
out=$(mkdir -p "$1" && cd "$1" && pwd)
[ "$(id -u)" -eq 0 ] || fail "must run as root (debootstrap, chroot, file ownership in the image)"
for cmd in debootstrap mkfs.ext4 qemu-img; do
  command -v "$cmd" >/dev/null || fail "$cmd is missing (apt-get install debootstrap e2fsprogs qemu-utils)"
done
[ -x "$root/dist/bin/agent" ] || fail "dist/ is not built (./run build)"

suite=trixie
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${COCO4J_IMAGE_CACHE:-/var/cache/coco4j/guest-image}
# Timestamps inside the image: the last commit's, so that two builds of one commit match.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}
export SOURCE_DATE_EPOCH=$epoch
started=$(date +%s)

# A debootstrapped Debian with the packages of LIST (a line "+NAME": NAME installed by apt-get
# afterwards, for dependencies with alternatives, which debootstrap does not choose between),
# cached under a key of everything it is made of; SETUP (a function) runs on it before it is
# cached. Prints its path.
cached_base() { # kind list setup [more key material…]
  local kind=$1 list=$2 setup=$3 packages later key dir
  shift 3
  packages=$(grep -v '^[#+]' "$list" | xargs | tr ' ' ,)
  later=$(sed -n 's/^+//p' "$list" | xargs)
  key=$(printf '%s\n' "$suite" "$mirror" "$packages" "$later" "$@" | sha256sum | cut -c1-16)
  dir=$cache/$kind-$key
  if [ ! -d "$dir" ]; then
    echo "guest-image: debootstrap $suite for the $kind ($packages${later:+ then $later})" >&2
    rm -rf "$dir.tmp"
    mkdir -p "$cache/debs"
    debootstrap --variant=minbase --cache-dir="$cache/debs" --include="$packages" "$suite" "$dir.tmp" "$mirror" \
      > "$cache/$kind.log" 2>&1 || fail "debootstrap failed; see $cache/$kind.log"
    if [ -n "$later" ]; then
      apt_install "$dir.tmp" $later >> "$cache/$kind.log" 2>&1 || fail "apt-get install $later failed; see $cache/$kind.log"
    fi
    "$setup" "$dir.tmp" >> "$cache/$kind.log" 2>&1 || fail "preparing the $kind failed; see $cache/$kind.log"
    # What only the build needed, and what differs between two builds of the same packages.
    rm -rf "$dir.tmp"/var/cache/apt/archives/*.deb "$dir.tmp"/var/lib/apt/lists/* "$dir.tmp"/usr/share/man/* \
      "$dir.tmp"/var/log/* "$dir.tmp"/var/cache/ldconfig/aux-cache "$dir.tmp"/etc/resolv.conf
    : > "$dir.tmp/etc/machine-id"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}
apt_install() { # root packages…
  local target=$1 status=0
  shift
  cp /etc/resolv.conf "$target/etc/resolv.conf"
  mount -t proc proc "$target/proc"
  chroot "$target" apt-get update -qq && DEBIAN_FRONTEND=noninteractive chroot "$target" \
    apt-get install -y -qq --no-install-recommends "$@" || status=$?
  umount "$target/proc"
  return $status
}

# The guest's initrd: dracut with systemd, which opens the dm-verity root the command line names
# (systemd-veritysetup-generator). Made once with the base.
dracut_conf=$here/dracut.conf
make_initrd() { # rootfs
  local version
  version=$(basename "$(ls "$1"/boot/vmlinuz-* | sort -V | tail -1)"); version=${version#vmlinuz-}
  install -m 0644 "$dracut_conf" "$1/etc/dracut.conf.d/50-coco4j.conf"
  mount -t proc proc "$1/proc"
  # Its file times: a constant, as the cached base outlives commits.
  SOURCE_DATE_EPOCH=0 chroot "$1" dracut --force --reproducible --kver "$version" "/boot/initrd.img-$version"
  local status=$?
  umount "$1/proc"
  return $status
}
no_setup() { :; }

base=$(cached_base base "$here/packages.txt" make_initrd "$(cat "$dracut_conf")")
tools=$(cached_base build-tools "$here/build-tools.txt" no_setup)

work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-image.XXXXXX")
# The build tools see the scratch directory as /build.
inside=$tools/tmp/$(basename "$work")
mkdir -p "$inside"
mount --bind "$work" "$inside"
trap 'umount "$inside"; rmdir "$inside"; rm -rf "$work"' EXIT
in_tools() { chroot "$tools" "$@"; }
scratch=/tmp/$(basename "$work")
rootfs=$work/rootfs
cp -a "$base" "$rootfs"

# The components: every launcher but the development KBS's and the development SNP platform's (they
# run on the host), and only the jars their class paths name, so no KBS class is in the image.
mkdir -p "$rootfs/opt/coco4j/bin" "$rootfs/opt/coco4j/lib"
for launcher in "$root"/dist/bin/*; do
  name=$(basename "$launcher")
  case "$name" in kbs|azure-snp-dev-platform) continue ;; esac
  cp -a "$launcher" "$rootfs/opt/coco4j/bin/"
  cp -a "$root/dist/lib/$name.classpath" "$rootfs/opt/coco4j/lib/"
  sed "s|^|$root/dist/lib/|" "$root/dist/lib/$name.classpath" | xargs cp -a -t "$rootfs/opt/coco4j/lib/"
done
! ls "$rootfs/opt/coco4j/lib" | grep -q '^kbs-[0-9]' || fail "the development KBS's jar is in the image"
# Units, network, fstab (tmpfs where the services write), the seeded policy and its link. systemd
# skips a unit line it cannot read with only a warning on the console, so each line of each unit
# must be a comment, a [Section] or a Key=value.
for unit in "$here"/rootfs/etc/systemd/*/*.*; do
  awk '!/^(#.*|\[[A-Za-z]+\]|[A-Za-z][A-Za-z0-9]*=.*|)$/ { printf "%s:%d: not a unit line: %s\n", FILENAME, FNR, $0; bad = 1 }
       END { exit bad }' "$unit" >&2 || fail "$unit has lines systemd would skip"
done
cp -a "$here/rootfs/." "$rootfs/"
# A container root for pods without an image: the guest's /usr is bound into it read-only. The root
# is read-only, so the mount points runc needs are made here.
mkdir -p "$rootfs/opt/coco4j/pod-rootfs/"{usr,proc,dev,sys}
for link in bin lib lib64 sbin; do ln -sfn "usr/$link" "$rootfs/opt/coco4j/pod-rootfs/$link"; done

systemctl --root="$rootfs" --quiet enable process-user-data.service guest-components.service \
  kata-agent.path systemd-networkd.service
# Units that would extend PCRs (PCR 11's phases, 15's machine id and file systems: the reference
# values are the UKI's alone) or do housekeeping a short-lived pod VM does not need. No login
# prompts: nobody logs in, and systemd keeps reporting unit states on the serial console.
systemctl --root="$rootfs" --quiet mask systemd-pcrphase.service systemd-pcrphase-sysinit.service \
  systemd-pcrphase-initrd.service systemd-pcrmachine.service systemd-pcrfs-root.service systemd-pcrfs@.service \
  systemd-networkd-wait-online.service apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer \
  getty@tty1.service serial-getty@ttyS0.service

kernel=$(basename "$(ls "$rootfs"/boot/vmlinuz-* | sort -V | tail -1)")
version=${kernel#vmlinuz-}
cp "$rootfs/boot/vmlinuz-$version" "$work/vmlinuz"
cp "$rootfs/boot/initrd.img-$version" "$work/initrd.img"
cp "$rootfs/etc/os-release" "$work/os-release"
# The kernel and initrd live in the UKI; the root needs neither.
rm -rf "$rootfs"/boot/* "$rootfs"/vmlinuz* "$rootfs"/initrd.img*

stamp() { find "$rootfs" -newermt "@$epoch" -print0 | xargs -0r touch -h -d "@$epoch"; }
# dist/'s files carry the times of the build that made them, older than the commit or not.
find "$rootfs/opt/coco4j" -print0 | xargs -0 touch -h -d "@$epoch"
stamp
# Class-data sharing for the guest's JVM: the classes the launchers load at start-up, archived
# for the launchers' class path (the jars' times, set just above, are part of what it checks).
"$root/tools/make-cds.sh" "$rootfs"
stamp

# The root file system and its hash tree. Every identifier is fixed, so the root hash is a
# function of the files.
root_mib=$(( $(du -sm "$rootfs" | cut -f1) * 9 / 8 + 64 ))
fs_uuid=6a1c0c4a-0000-4000-8000-000000000001
truncate -s "${root_mib}M" "$work/root.img"
E2FSPROGS_FAKE_TIME=$epoch mkfs.ext4 -q -F -L root -U "$fs_uuid" -E "hash_seed=$fs_uuid,root_owner=0:0" \
  -O ^has_journal -d "$rootfs" "$work/root.img" || fail "mkfs.ext4 failed"
# mkfs.ext4 -d copies access, change and creation times from this build's tree: the commit's instead.
! (cd "$rootfs" && find . -printf '%P\n') | grep -q '"' || fail "a file name in the root has a double quote"
(cd "$rootfs" && find . -printf '%P\n') | awk -v t="@$epoch" '{
  printf "sif \"/%s\" atime %s\nsif \"/%s\" ctime %s\nsif \"/%s\" crtime %s\n", $0, t, $0, t, $0, t }
  END { printf "ssv wtime %s\n", t }' > "$work/times.debugfs"
E2FSPROGS_FAKE_TIME=$epoch debugfs -w -f "$work/times.debugfs" "$work/root.img" > "$work/debugfs.log" 2>&1 || fail "debugfs failed: $(tail -2 "$work/debugfs.log")"
! grep -v '^debugfs' "$work/debugfs.log" | grep -q . || fail "debugfs: $(grep -v '^debugfs' "$work/debugfs.log" | head -2)"
in_tools veritysetup format --salt=6a1c0c4a00004000800000000000000000000000000000000000000000000001 \
  --uuid=6a1c0c4a-0000-4000-8000-000000000002 "$scratch/root.img" "$scratch/verity.img" > "$work/verity.txt" \
  || fail "veritysetup format failed"
roothash=$(sed -n 's/^Root hash:[[:space:]]*//p' "$work/verity.txt")
[[ "$roothash" =~ ^[0-9a-f]{64}$ ]] || fail "no root hash from veritysetup: $(cat "$work/verity.txt")"

# Partitions by GPT type (the discoverable partitions' x86-64 root and root verity) and fixed ids.
root_part=6a1c0c4a-0000-4000-8000-000000000011
verity_part=6a1c0c4a-0000-4000-8000-000000000012
# dm-verity panics on a block that does not verify, so a changed root stops the VM (panic=-1
# restarts it; it never reaches the services). console=ttyS0 last: the serial console is the
# clouds' boot diagnostics and carries the provisioner's PCR8 line. no_timer_check: an emulated
# CPU on a busy host can fail the kernel's early timer check and panic.
printf '%s' "root=/dev/mapper/root ro roothash=$roothash systemd.verity_root_data=PARTUUID=$root_part" \
  " systemd.verity_root_hash=PARTUUID=$verity_part systemd.verity_root_options=panic-on-corruption" \
  " console=tty0 console=ttyS0 panic=-1 no_timer_check" > "$work/cmdline"
in_tools ukify build --linux="$scratch/vmlinuz" --initrd="$scratch/initrd.img" --cmdline="@$scratch/cmdline" \
  --os-release="@$scratch/os-release" --uname="$version" --stub=/usr/lib/systemd/boot/efi/linuxx64.efi.stub \
  --output="$scratch/BOOTX64.EFI" > "$work/ukify.log" 2>&1 || fail "ukify failed: $(tail -3 "$work/ukify.log")"

# The EFI system partition: FAT32 with the UKI as the removable-media default boot entry.
uki_mib=$(( $(stat -c %s "$work/BOOTX64.EFI") / 1048576 ))
esp_mib=$(( uki_mib * 3 / 2 + 40 ))
touch -d "@$epoch" "$work/BOOTX64.EFI"
in_tools mkfs.vfat -F 32 -n ESP -i 6a1c0c4a --invariant -C "$scratch/esp.img" $(( esp_mib * 1024 )) >/dev/null \
  || fail "mkfs.vfat failed"
in_tools env MTOOLS_SKIP_CHECK=1 mmd -i "$scratch/esp.img" ::/EFI ::/EFI/BOOT
in_tools env MTOOLS_SKIP_CHECK=1 mcopy -m -i "$scratch/esp.img" "$scratch/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI

# The disk: 1 MiB before the ESP, partitions 1 MiB aligned, 1 MiB for the backup GPT, a size
# that is a whole number of MiB (Azure's VHD rule).
verity_mib=$(( ($(stat -c %s "$work/verity.img") + 1048575) / 1048576 ))
disk_mib=$(( 1 + esp_mib + root_mib + verity_mib + 1 ))
rm -f "$out/disk.raw"
truncate -s "${disk_mib}M" "$work/disk.raw"
in_tools sfdisk --quiet --no-reread --no-tell-kernel "$scratch/disk.raw" <<EOF || fail "sfdisk failed"
label: gpt
label-id: 6a1c0c4a-0000-4000-8000-000000000010
first-lba: 2048
start=1MiB, size=${esp_mib}MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=6a1c0c4a-0000-4000-8000-000000000013, name=esp
size=${root_mib}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$root_part, name=root-x86-64
size=${verity_mib}MiB, type=2C7357ED-EBD2-46D9-AEC1-23D437EC2BF5, uuid=$verity_part, name=root-x86-64-verity
EOF
place() { dd if="$1" of="$work/disk.raw" bs=1M seek="$2" conv=notrunc,sparse status=none; }
place "$work/esp.img" 1
place "$work/root.img" $(( 1 + esp_mib ))
place "$work/verity.img" $(( 1 + esp_mib + root_mib ))

mv "$work/disk.raw" "$out/disk.raw"
cp "$work/vmlinuz" "$work/initrd.img" "$work/cmdline" "$work/BOOTX64.EFI" "$out/"
rm -f "$out/disk.qcow2" "$out/disk.vhd"
qemu-img convert -f raw -O qcow2 "$out/disk.raw" "$out/disk.qcow2"
qemu-img convert -f raw -O vpc -o subformat=fixed,force_size=on "$out/disk.raw" "$out/disk.vhd"

# The PCRs this disk measures when it boots, for the KBS.
"$here/pcrs.sh" --tools "$tools" "$out/BOOTX64.EFI" > "$out/pcrs.txt" || fail "computing the PCRs failed"
references() { # form
  sed 's/^pcr\([0-9]*\) /--pcr \1=/' "$out/pcrs.txt" | xargs "$root/dist/bin/initdata" reference-values --format "$1"
}
references trustee > "$out/reference-values.json"
references workshop > "$out/reference-values.workshop.json"

{
  echo "suite: $suite ($mirror)"
  echo "kernel: $version"
  echo "disk: disk.raw, ${disk_mib} MiB GPT: ESP ${esp_mib} MiB (UKI $(( $(stat -c %s "$work/BOOTX64.EFI") / 1024 )) KiB), root ${root_mib} MiB (files: $(du -sh "$rootfs" | cut -f1)), verity ${verity_mib} MiB"
  echo "build: $(( $(date +%s) - started )) s"
  echo "root hash: $roothash"
  echo "root partition: offset $(( (1 + esp_mib) * 1048576 )) bytes"
  echo "build tools: $tools"
  echo "command line: $(cat "$work/cmdline")"
  sed 's/^/reference /' "$out/pcrs.txt"
  echo "packages:"
  chroot "$rootfs" dpkg-query -W -f '  ${Package} ${Version}\n'
} > "$out/image.txt"
echo "guest-image: $out/disk.raw (${disk_mib} MiB), kernel $version, built in $(( $(date +%s) - started )) s" >&2
