#!/usr/bin/env bash
# Builds the peer-pod guest image into OUT: disk.raw (ext4, the root), vmlinuz and initrd.img for
# direct boot, and image.txt (what is inside). Needs root, debootstrap and e2fsprogs; no Docker.
# The Debian base is cached (COCO4J_IMAGE_CACHE, default /var/cache/coco4j/guest-image) by its
# package list, so a rebuild after a code change only copies the base and adds dist/.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(dirname "$here")
fail() { echo "build.sh: $*" >&2; exit 1; }

[ $# -eq 1 ] && [ "$1" != -h ] && [ "$1" != --help ] || {
  echo "usage: guest-image/build.sh OUT   (as root; the project's dist/ must be built)" >&2; exit 2; }
out=$1
[ "$(id -u)" -eq 0 ] || fail "must run as root (debootstrap, file ownership in the image)"
for cmd in debootstrap mkfs.ext4; do command -v "$cmd" >/dev/null || fail "$cmd is missing (apt-get install debootstrap e2fsprogs)"; done
[ -x "$root/dist/bin/agent" ] || fail "dist/ is not built (./run build)"

suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${COCO4J_IMAGE_CACHE:-/var/cache/coco4j/guest-image}
packages=$(grep -v '^#' "$here/packages.txt" | xargs | tr ' ' ,)
key=$(printf '%s %s %s' "$suite" "$mirror" "$packages" | sha256sum | cut -c1-16)
base=$cache/base-$key
# Timestamps inside the image: the last commit's, so that two builds of one commit match.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}
started=$(date +%s)

build_base() {
  echo "guest-image: debootstrap $suite ($packages)" >&2
  rm -rf "$base.tmp"
  mkdir -p "$cache"
  debootstrap --variant=minbase --include="$packages" "$suite" "$base.tmp" "$mirror" > "$cache/debootstrap.log" 2>&1 \
    || fail "debootstrap failed; see $cache/debootstrap.log"
  # What only the build needed, and what differs between two builds of the same packages.
  rm -rf "$base.tmp"/var/cache/apt/archives/*.deb "$base.tmp"/var/lib/apt/lists/* "$base.tmp"/usr/share/man/* \
    "$base.tmp"/var/log/* "$base.tmp"/var/cache/ldconfig/aux-cache "$base.tmp"/etc/resolv.conf
  : > "$base.tmp/etc/machine-id"
  mv "$base.tmp" "$base"
}

[ -d "$base" ] || build_base

work=$(mktemp -d "${TMPDIR:-/tmp}/coco4j-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
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
# Units, network, the seeded policy and its link.
cp -a "$here/rootfs/." "$rootfs/"
# A container root for pods without an image: the guest's /usr is bound into it read-only.
mkdir -p "$rootfs/opt/coco4j/pod-rootfs/usr"
for link in bin lib lib64 sbin; do ln -sfn "usr/$link" "$rootfs/opt/coco4j/pod-rootfs/$link"; done

systemctl --root="$rootfs" --quiet enable process-user-data.service attestation-agent.service \
  confidential-data-hub.path api-server-rest.path kata-agent.path systemd-networkd.service
# Units that would extend PCRs or do housekeeping a short-lived pod VM does not need. No login
# prompts: nobody logs in, and systemd keeps reporting unit states on the serial console.
systemctl --root="$rootfs" --quiet mask systemd-pcrphase.service systemd-pcrphase-sysinit.service \
  systemd-pcrphase-initrd.service systemd-networkd-wait-online.service apt-daily.timer \
  apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer getty@tty1.service serial-getty@ttyS0.service

mkdir -p "$out"
kernel=$(basename "$(ls "$rootfs"/boot/vmlinuz-* | sort -V | tail -1)")
version=${kernel#vmlinuz-}
cp "$rootfs/boot/vmlinuz-$version" "$out/vmlinuz"
cp "$rootfs/boot/initrd.img-$version" "$out/initrd.img"

stamp() { find "$rootfs" -newermt "@$epoch" -print0 | xargs -0r touch -h -d "@$epoch"; }
stamp
# Class-data sharing for the guest's JVM: the classes the launchers load at start-up, archived
# for the launchers' class path (the jars' times, set just above, are part of what it checks).
"$root/tools/make-cds.sh" "$rootfs"
stamp
size_mib=$(( $(du -sm "$rootfs" | cut -f1) * 5 / 4 + 256 ))
rm -f "$out/disk.raw"
truncate -s "${size_mib}M" "$out/disk.raw"
uuid=6a1c0c4a-0000-4000-8000-000000000001
E2FSPROGS_FAKE_TIME=$epoch mkfs.ext4 -q -F -L root -U "$uuid" -E "hash_seed=$uuid,root_owner=0:0" \
  -d "$rootfs" "$out/disk.raw" || fail "mkfs.ext4 failed"

{
  echo "suite: $suite ($mirror)"
  echo "kernel: $version"
  echo "disk: disk.raw, ${size_mib} MiB (root filesystem: $(du -sh "$rootfs" | cut -f1))"
  echo "build: $(( $(date +%s) - started )) s"
  echo "packages:"
  chroot "$rootfs" dpkg-query -W -f '  ${Package} ${Version}\n'
} > "$out/image.txt"
echo "guest-image: $out/disk.raw (${size_mib} MiB), kernel $version, built in $(( $(date +%s) - started )) s" >&2
