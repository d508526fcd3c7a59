#!/usr/bin/env bash
# Archives the classes each launcher loads at start-up into lib/NAME.jsa (class-data sharing),
# which the launcher uses when it is there: its JVM starts faster. An archive is only valid for
# one JVM and that launcher's very jars (lib/NAME.classpath), so it is made after the jars are in
# place and checked with -Xshare:on.
#   make-cds.sh          for dist/ and this machine's JVM; skipped, saying so, without swtpm
#                        (the class list runs the attestation agent on one)
#   make-cds.sh ROOTFS   for ROOTFS/opt/coco4j and the JVM inside ROOTFS (through chroot, as root)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
rootfs=${1:-}
if [ -n "$rootfs" ]; then
  home=/opt/coco4j java=/usr/bin/java
  in_root() { chroot "$rootfs" "$@"; }
else
  command -v swtpm >/dev/null || { echo "make-cds: skipped: swtpm is not installed" >&2; exit 0; }
  home=$root/dist java=${JAVA_HOME:+$JAVA_HOME/bin/}java
  in_root() { "$@"; }
fi
lib=$home/lib
# Scratch space both here and, through chroot, inside ROOTFS.
tmp=${TMPDIR:-/tmp}
[ -z "$rootfs" ] || tmp=$rootfs/tmp
scratch=$(mktemp -d "$tmp/coco4j-cds.XXXXXX")
inside=${scratch#"$rootfs"}
cleanup() {
  if [ -n "$rootfs" ] && mountpoint -q "$rootfs/proc"; then umount "$rootfs/proc"; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
failed() { tail -3 "$scratch/log" >&2; rm -f "$rootfs$lib"/*.jsa; echo "make-cds: $*" >&2; exit 1; }

rm -f "$rootfs$lib"/*.jsa
"$root/tools/class-list.sh" "$scratch/classes"
# The JVM finds its libraries through /proc/self/exe.
[ -z "$rootfs" ] || mount -t proc proc "$rootfs/proc"
for list in "$scratch"/classes/*.lst; do
  name=$(basename "$list" .lst)
  [ -x "$rootfs$home/bin/$name" ] || continue # not in this tree (the guest image has no KBS)
  in_root "$java" -XX:-UsePerfData -Xshare:dump -XX:SharedClassListFile="$inside/classes/$name.lst" -XX:SharedArchiveFile="$lib/$name.jsa" \
    -cp "$(sed "s|^|$lib/|" "$rootfs$lib/$name.classpath" | paste -sd:)" > "$scratch/log" 2>&1 || failed "the archive of $name failed"
  in_root env COCO4J_JAVA_OPTS=-Xshare:on "$home/bin/$name" --help > "$scratch/log" 2>&1 \
    || failed "$name cannot use its archive"
done
