package io.github.coco4j.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The NoCloud seed disk: {@code /media/cidata/user-data} when the image mounts it there,
 * otherwise the disk labelled {@code cidata} is mounted read-only for the duration of the read.
 */
final class CidataSource implements UserDataSource {
    private static final List<Path> LABELS = List.of(Path.of("/dev/disk/by-label/cidata"), Path.of("/dev/disk/by-label/CIDATA"));

    @Override
    public String name() {
        return "cidata";
    }

    static boolean present() {
        return Files.exists(FileSource.CIDATA_USER_DATA) || device().isPresent();
    }

    private static Optional<Path> device() {
        return LABELS.stream().filter(Files::exists).findFirst();
    }

    @Override
    public byte[] fetch(Duration timeout) throws IOException {
        if (Files.exists(FileSource.CIDATA_USER_DATA)) {
            return UserDataSource.readBounded(Files.newInputStream(FileSource.CIDATA_USER_DATA), name());
        }
        Path disk = device().orElseThrow(() -> new IOException("no " + FileSource.CIDATA_USER_DATA + " and no disk labelled cidata"));
        Path mountPoint = Files.createTempDirectory("cidata");
        try {
            run(timeout, "mount", "-o", "ro", disk.toString(), mountPoint.toString());
            try {
                return UserDataSource.readBounded(Files.newInputStream(mountPoint.resolve("user-data")), name());
            } finally {
                run(timeout, "umount", mountPoint.toString());
            }
        } finally {
            Files.deleteIfExists(mountPoint);
        }
    }

    private static void run(Duration timeout, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0) {
                String output = new String(process.getInputStream().readAllBytes()).strip();
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
    }
}
