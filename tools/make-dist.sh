#!/usr/bin/env bash
# Assembles dist/: dist/lib holds every runtime jar, dist/bin one launcher per CLI or daemon.
# Launchers are declared by each program module in its launchers.txt: "<name> <main class> <cli|daemon|daemon-jit>".
# A launcher's class path is its own module's jar and that module's runtime dependencies only
# (target/classpath, written by the parent pom's `program` profile), in Maven's order; it is also
# written to dist/lib/NAME.classpath (one jar a line) for the class-data sharing archive and the
# guest image.
set -euo pipefail
shopt -s nullglob
root=$1 deps=$2
dist=$root/dist
rm -rf "$dist/lib.new" "$dist/bin"
mkdir -p "$dist/lib.new" "$dist/bin"
cp "$deps"/*.jar "$dist/lib.new/"

# A signed jar's classes stay out of the start-up caches (make-cds.sh), and the first time the
# JVM loads one of them it checks the jar's signature and certificates: for TSS.Java that was at
# every start of initdata (about 40 ms of CPU), since the cached classes link against it. And the
# JVM keeps a signed jar's manifest, a section of attributes for each of its classes, on the heap
# for as long as it runs: bcprov's 5,589 sections and its siblings' held some 3 MiB of the
# attestation agent's heap. Nothing relies on the signatures (there is no security manager;
# BouncyCastle serves the JCA here, not the JCE services some JVMs want signed providers for; in
# the guest the root file system is dm-verity's), so dist/ has these jars without them, their
# manifests reduced to the main section.
unsign() { # jar
  local jar tree manifest
  jar=$(readlink -f "$1") tree=$(mktemp -d) manifest=$(mktemp)
  (cd "$tree" && jar xf "$jar" && rm -f META-INF/*.SF META-INF/*.RSA META-INF/*.DSA META-INF/*.EC)
  # The main section ends at the first empty line; the per-entry sections (digests) follow it.
  tr -d '\r' < "$tree/META-INF/MANIFEST.MF" | sed '/^$/,$d' > "$manifest"
  rm "$tree/META-INF/MANIFEST.MF"
  jar --create --file "$jar" --manifest "$manifest" -C "$tree" .
  rm -rf "$tree" "$manifest"
}
for jar in "$dist"/lib.new/TSS.Java-*.jar "$dist"/lib.new/bc*-jdk18on-*.jar; do unsign "$jar"; done
rm -rf "$dist/lib"
mv "$dist/lib.new" "$dist/lib"

# Start-up matters for CLIs (one-shot) and memory for daemons (several JVMs per guest): daemons
# use one netty allocator arena (they serve a handful of local clients),
# start with a small heap and, unless their hot path needs the optimizing compiler (daemon-jit:
# the agent evaluates policies on every request), only the quick compiler.
# netty loads its native library through System.loadLibrary, which JDK 24 and later warn about
# unless native access is granted; the option must be the same when a start-up cache is made and
# used, so every launcher has it (JDK 17 takes it too).
native_access='--enable-native-access=ALL-UNNAMED'
cli_flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData $native_access"
# Metaspace, code cache and netty's chunk (maxOrder 7: 1 MiB) sized from the daemons' native
# memory summaries after the workshop's requests (BENCHMARKS.md), with room to spare. The JVM
# frees its compilers' scratch memory and short-lived buffers to glibc, which keeps it; the native
# heap is trimmed every 2 s so that it goes back to the system (5 MiB of a daemon's RSS).
# On JDK 24 and later the JVM generates the classes it makes at run time (reflection's method
# handles, annotation proxies, pattern-switch bootstraps) with its class-file API, and the quick
# compiler takes a 6.7 MB arena to compile that API's stack-map generator, pooled for 5 s; a
# daemon generates a few dozen classes at start, which the interpreter handles as fast (JDK 17
# has no such class and ignores the command).
no_arena_hog="-XX:CompileCommand=quiet -XX:CompileCommand=exclude,jdk.internal.classfile.impl.StackMapGenerator::processBlock"
daemon_base="$native_access $no_arena_hog -XX:TrimNativeHeapInterval=2000 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xms8m -XX:MaxRAMPercentage=25 -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1 -Dio.netty.allocator.maxOrder=7"
daemon_flags="$daemon_base -XX:TieredStopAtLevel=1"
daemon_jit_flags=$daemon_base

# The jars of the program module in DIR, one a line: its own, then its runtime dependencies.
program_jars() { # module-dir
  local own
  own=$(cd "$1/target" && ls -- *.jar | grep -v -- '-tests\.jar$')
  [ -f "$1/target/classpath" ] || { echo "make-dist: $1/target/classpath is missing" >&2; exit 1; }
  { echo "$own"; tr ':' '\n' < "$1/target/classpath" | sed 's|^lib/||'; } | awk 'NF'
}

for list in "$root"/*/*/launchers.txt; do
  module=$(dirname "$list")
  while read -r name main kind; do
    case "$name" in ''|'#'*) continue ;; esac
    case "$kind" in
      cli) flags=$cli_flags ;;
      daemon) flags=$daemon_flags ;;
      daemon-jit) flags=$daemon_jit_flags ;;
      *) echo "make-dist: $list: bad kind '$kind' for $name" >&2; exit 1 ;;
    esac
    program_jars "$module" > "$dist/lib/$name.classpath"
    while read -r jar; do
      [ -f "$dist/lib/$jar" ] || { echo "make-dist: $name needs $jar, which is not in dist/lib" >&2; exit 1; }
    done < "$dist/lib/$name.classpath"
    classpath=$(sed 's|^|$home/lib/|' "$dist/lib/$name.classpath" | paste -sd:)
    cat > "$dist/bin/$name" <<LAUNCHER
#!/bin/sh
# $name launcher (generated by tools/make-dist.sh).
# COCO4J_JAVA_OPTS adds JVM options; JAVA_HOME selects the JVM.
home=\$(cd -- "\$(dirname -- "\$(readlink -f -- "\$0")")/.." && pwd)
java=java
[ -n "\${JAVA_HOME:-}" ] && java="\$JAVA_HOME/bin/java"
# The start-up cache tools/make-cds.sh made for the JVM it ran on: an AOT cache (JDK 25 and
# later: classes loaded and linked, method profiles) or else a class-data sharing archive. Either
# is only valid for that JVM and this exact class path, which is why the jars are listed rather
# than matched by lib/*. COCO4J_CACHE_OPTS, when set, replaces it (make-cds.sh trains with it).
cache=
# An AOT cache means JDK 25 or later, where netty's use of sun.misc.Unsafe would print a warning
# at every start (the option does not touch the cache; JDK 17 would refuse it).
if [ -f "\$home/lib/$name.aot" ]; then cache="-XX:AOTCache=\$home/lib/$name.aot --sun-misc-unsafe-memory-access=allow"
elif [ -f "\$home/lib/$name.jsa" ]; then cache="-Xshare:auto -XX:SharedArchiveFile=\$home/lib/$name.jsa"
fi
exec "\$java" $flags \${COCO4J_CACHE_OPTS-\$cache} \${COCO4J_JAVA_OPTS:-} -cp "$classpath" $main "\$@"
LAUNCHER
    chmod 755 "$dist/bin/$name"
  done < "$list"
done
