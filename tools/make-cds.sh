#!/usr/bin/env bash
# Makes each launcher's start-up cache, which the launcher uses when it is there: its JVM starts
# faster. On JDK 25 and later it is an AOT cache, lib/NAME.aot (JEP 483/515: classes loaded and
# linked, method profiles), written by a training run of the launcher (tools/class-list.sh);
# before, a class-data sharing archive, lib/NAME.jsa, of the classes that run loaded. A cache is
# only valid for one JVM and that launcher's very jars (lib/NAME.classpath), so it is made after
# the jars are in place, by the JVM that will run them, and checked in use (-XX:AOTMode=on,
# -Xshare:on: both refuse to start with a cache they cannot map).
#   make-cds.sh          for dist/ and this machine's JVM ($JAVA_HOME, else java); skipped,
#                        saying so, without swtpm (the training runs the attestation agent on one)
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
failed() { tail -3 "$scratch/log" >&2; rm -f "$rootfs$lib"/*.jsa "$rootfs$lib"/*.aot; echo "make-cds: $*" >&2; exit 1; }

rm -f "$rootfs$lib"/*.jsa "$rootfs$lib"/*.aot
# The JVM finds its libraries through /proc/self/exe; the training runs inside ROOTFS too.
[ -z "$rootfs" ] || mount -t proc proc "$rootfs/proc"
release=$(in_root "$java" -XX:-UsePerfData -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
[ -n "$release" ] || { echo "make-cds: $java does not run" >&2; exit 1; }
if [ "$release" -ge 25 ]; then
  "$root/tools/class-list.sh" aotconf "$scratch/training" "$rootfs" > "$scratch/log" 2>&1 || failed "the training run failed"
  for conf in "$scratch"/training/*.aotconf; do
    name=$(basename "$conf" .aotconf)
    [ -x "$rootfs$home/bin/$name" ] || continue
    # Through the launcher: the cache is made with the very options it will be used with.
    in_root env COCO4J_CACHE_OPTS="-XX:AOTMode=create -XX:AOTConfiguration=$inside/training/$name.aotconf -XX:AOTCache=$lib/$name.aot" \
      "$home/bin/$name" > "$scratch/log" 2>&1 || failed "the AOT cache of $name failed"
    in_root env COCO4J_JAVA_OPTS=-XX:AOTMode=on "$home/bin/$name" --help > "$scratch/log" 2>&1 \
      || failed "$name cannot use its AOT cache"
  done
  exit 0
fi
"$root/tools/class-list.sh" lst "$scratch/classes" "$rootfs"
for list in "$scratch"/classes/*.lst; do
  name=$(basename "$list" .lst)
  [ -x "$rootfs$home/bin/$name" ] || continue # not in this tree (the guest image has no KBS)
  in_root "$java" -XX:-UsePerfData -Xshare:dump -XX:SharedClassListFile="$inside/classes/$name.lst" -XX:SharedArchiveFile="$lib/$name.jsa" \
    -cp "$(sed "s|^|$lib/|" "$rootfs$lib/$name.classpath" | paste -sd:)" > "$scratch/log" 2>&1 || failed "the archive of $name failed"
  in_root env COCO4J_JAVA_OPTS=-Xshare:on "$home/bin/$name" --help > "$scratch/log" 2>&1 \
    || failed "$name cannot use its archive"
done
