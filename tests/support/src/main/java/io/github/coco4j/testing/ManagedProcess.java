package io.github.coco4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A process the test starts (a main class in its own JVM, or a launcher), its output kept in files. */
public final class ManagedProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ManagedProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs {@code mainClass} in a new JVM on the test class path. */
    public static ManagedProcess java(Path workDir, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return start(workDir, command, Map.of());
    }

    public static ManagedProcess start(Path workDir, List<String> command, Map<String, String> environment)
            throws IOException {
        Path out = Files.createTempFile(workDir, "stdout-", ".log");
        Path err = Files.createTempFile(workDir, "stderr-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new ManagedProcess(builder.start(), out, err);
    }

    /** Waits until {@code ready} holds; fails with the process's stderr if it exits or time runs out. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + ": " + stderr());
            }
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("process not ready after " + timeout + ": " + stderr());
            }
            Thread.sleep(50);
        }
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("process still running after " + timeout);
        }
        return process.exitValue();
    }

    public String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** The process id (a launcher execs its JVM, so this is the JVM's). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process (SIGTERM, then SIGKILL after a grace period) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
