package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.ManagedProcess;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class a guest launcher loads from its jars is new enough for JDK 25's AOT cache, which
 * leaves class files older than Java 6 (version 50) out, so they would load and verify from the
 * jar on every start (as picocli's own Java 5 jar did).
 */
class LauncherClassFilesIT {
    private static final int OLDEST_CACHED = 50;
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: file:(\\S+\\.jar)$");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"initdata", "attestation-agent", "aa-client", "confidential-data-hub", "cdh-tool",
        "api-server-rest", "agent", "agent-policy", "agent-ctl"})
    void loadsNoClassFileTooOldForTheCache(String launcher) throws Exception {
        // Without the launcher's own cache, every class of ours and our libraries names its jar.
        ManagedProcess process = ManagedProcess.start(dir, List.of(Dist.launcher(launcher), "--help"),
                Map.of("COCO4J_CACHE_OPTS", "", "COCO4J_JAVA_OPTS", "-Xlog:class+load=info"));
        assertEquals(0, process.waitFor(Duration.ofSeconds(60)), process.stderr());
        // Per jar: how many of its loaded classes are too old, and the first of them.
        Map<String, String> tooOld = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        int fromJars = 0;
        for (String line : process.stdout().split("\n")) {
            Matcher loaded = LOADED.matcher(line.strip());
            if (!loaded.find()) {
                continue;
            }
            fromJars++;
            int version = classFileVersion(Path.of(loaded.group(2)), loaded.group(1));
            if (version < OLDEST_CACHED) {
                String jar = Path.of(loaded.group(2)).getFileName().toString();
                tooOld.putIfAbsent(jar, loaded.group(1) + " (version " + version + ")");
                counts.merge(jar, 1, Integer::sum);
            }
        }
        assertTrue(fromJars > 0, "no class loaded from a jar was logged");
        assertTrue(tooOld.isEmpty(), () -> "class files older than version " + OLDEST_CACHED + ": " + counts
                + ", first of each: " + tooOld);
    }

    private static int classFileVersion(Path jar, String className) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ, Runtime.version())) {
            JarEntry entry = file.getJarEntry(className.replace('.', '/') + ".class");
            try (InputStream in = file.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
                data.readInt(); // magic
                data.readUnsignedShort(); // minor
                return data.readUnsignedShort();
            }
        }
    }
}
