package io.github.coco4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local OCI registries of the shared test data ({@code images/make-registry.sh}): built once per
 * machine into {@code ${java.io.tmpdir}/coco4j-registries/out} (as root, about 30 s; later runs reuse
 * it), started and stopped with the script's own commands. A file lock keeps concurrent test JVMs
 * from building or starting twice, and each JVM that uses them registers itself: the last one to
 * close stops them, so a test run never pulls the registries from under another.
 */
public final class TestRegistries implements AutoCloseable {
    private static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"), "coco4j-registries");
    private static final Path USERS = HOME.resolve("users");

    private final Path outdir;
    private final JsonNode expectations;

    private TestRegistries(Path outdir) throws IOException {
        this.outdir = outdir;
        this.expectations = new ObjectMapper().readTree(outdir.resolve("registry-expectations.json").toFile());
    }

    /** Whether the registries can be had here: already built, or buildable because we are root. */
    public static boolean available() {
        return Files.isRegularFile(HOME.resolve("out/registry-expectations.json"))
                || "root".equals(System.getProperty("user.name"));
    }

    /** Builds when needed and starts the registries. */
    public static TestRegistries start() {
        try {
            Files.createDirectories(HOME);
            Path outdir = HOME.resolve("out");
            try (FileChannel lock = FileChannel.open(HOME.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                if (!Files.isRegularFile(outdir.resolve("registry-expectations.json"))) {
                    script(outdir, "build");
                }
                if (liveUsers().isEmpty()) {
                    script(outdir, "start");
                }
                Files.createDirectories(USERS);
                Files.writeString(USERS.resolve(Long.toString(ProcessHandle.current().pid())), "");
            }
            return new TestRegistries(outdir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void script(Path outdir, String command) throws IOException {
        Path log = HOME.resolve(command + ".log");
        Process p = new ProcessBuilder(List.of(TestData.path("images/make-registry.sh").toString(), outdir.toString(), command))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("make-registry.sh " + command + " failed; see " + log + ":\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running make-registry.sh " + command);
        }
    }

    public Path outdir() {
        return outdir;
    }

    /** {@code registry-expectations.json}. */
    public JsonNode expectations() {
        return expectations;
    }

    @Override
    public void close() {
        try (FileChannel lock = FileChannel.open(HOME.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            Files.deleteIfExists(USERS.resolve(Long.toString(ProcessHandle.current().pid())));
            if (liveUsers().isEmpty()) {
                script(outdir, "stop");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registered JVMs still running; the files of those that ended without closing are removed. */
    private static List<Path> liveUsers() throws IOException {
        if (!Files.isDirectory(USERS)) {
            return List.of();
        }
        List<Path> live = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> users = Files.list(USERS)) {
            for (Path user : users.toList()) {
                if (ProcessHandle.of(Long.parseLong(user.getFileName().toString())).isPresent()) {
                    live.add(user);
                } else {
                    Files.deleteIfExists(user);
                }
            }
        }
        return live;
    }
}
