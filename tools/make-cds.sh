#!/usr/bin/env bash
# Archives the classes the launchers load at start-up into lib/coco4j.jsa (class-data sharing),
# which the launchers use when it is there: their JVMs start faster. An archive is only valid for
# one JVM and these very jars, so it is made after the jars are in place and checked with
# -Xshare:on.
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
failed() { tail -3 "$scratch/log" >&2; rm -f "$rootfs$lib/coco4j.jsa"; echo "make-cds: $*" >&2; exit 1; }

rm -f "$rootfs$lib/coco4j.jsa"
"$root/tools/class-list.sh" "$scratch/classes.lst"
# The JVM finds its libraries through /proc/self/exe.
[ -z "$rootfs" ] || mount -t proc proc "$rootfs/proc"
in_root "$java" -XX:-UsePerfData -Xshare:dump -XX:SharedClassListFile="$inside/classes.lst" -XX:SharedArchiveFile="$lib/coco4j.jsa" \
  -cp "$(sed "s|^|$lib/|" "$rootfs$lib/classpath" | paste -sd:)" > "$scratch/log" 2>&1 || failed "the archive failed"
in_root env COCO4J_JAVA_OPTS=-Xshare:on "$home/bin/initdata" --version > "$scratch/log" 2>&1 \
  || failed "the launchers cannot use the archive"
