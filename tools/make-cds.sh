#!/usr/bin/env bash
# Archives the classes the launchers load at start-up into dist/lib/coco4j.jsa (class-data
# sharing), which the launchers use when it is there: their JVMs start faster. The archive is
# only valid for this JVM and these jars, so it is made after dist/ and checked with -Xshare:on.
# Skipped, saying so, when swtpm (needed to run the attestation agent for the class list) is missing.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
lib=$root/dist/lib
command -v swtpm >/dev/null || { echo "make-cds: skipped: swtpm is not installed" >&2; exit 0; }
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
list=$(mktemp "${TMPDIR:-/tmp}/coco4j-classes.XXXXXX")
trap 'rm -f "$list" "$lib/coco4j.jsa.tmp"' EXIT
rm -f "$lib/coco4j.jsa"
"$root/tools/class-list.sh" "$list"
"$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$lib/coco4j.jsa.tmp" \
  -cp "$(sed "s|^|$lib/|" "$lib/classpath" | paste -sd:)" > "$list.log" 2>&1 \
  || { tail -3 "$list.log" >&2; rm -f "$list.log"; echo "make-cds: the archive failed" >&2; exit 1; }
rm -f "$list.log"
mv "$lib/coco4j.jsa.tmp" "$lib/coco4j.jsa"
COCO4J_JAVA_OPTS=-Xshare:on "$root/dist/bin/initdata" --version >/dev/null 2>&1 \
  || { rm -f "$lib/coco4j.jsa"; echo "make-cds: the launchers cannot use the archive" >&2; exit 1; }
