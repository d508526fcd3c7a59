package io.github.coco4j.cdh.image.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * FIFOs and device nodes of a layer, made with coreutils' {@code mknod} and {@code touch}: the JVM
 * has no mknod, and its chmod and utimes open the file, which blocks on a FIFO and opens a device.
 * Device nodes need CAP_MKNOD, so only a privileged unpack makes them (image-rs, running as root,
 * makes them too); an unprivileged one skips them, as rootless unpackers do.
 */
final class SpecialFiles {
    private static final long TIMEOUT_SECONDS = 30;

    private SpecialFiles() {
    }

    static boolean isSpecial(TarArchiveEntry entry) {
        return entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO();
    }

    /** Makes the node with the entry's mode and modification time; its owner is the caller's to set. */
    static void make(TarArchiveEntry entry, Path target) throws IOException {
        List<String> mknod = new ArrayList<>(List.of("mknod", "-m", Integer.toOctalString(entry.getMode() & 07777),
                target.toString()));
        if (entry.isFIFO()) {
            mknod.add("p");
        } else {
            mknod.addAll(List.of(entry.isCharacterDevice() ? "c" : "b",
                    Integer.toString(entry.getDevMajor()), Integer.toString(entry.getDevMinor())));
        }
        run(mknod);
    }

    /** Sets the modification time without opening the node ({@code -h}: by name, as utimensat does). */
    static void touch(TarArchiveEntry entry, Path target) throws IOException {
        run(List.of("touch", "-h", "-m", "-d", "@" + entry.getLastModifiedTime().toInstant().getEpochSecond(),
                target.toString()));
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String said = new String(p.getInputStream().readNBytes(1024), StandardCharsets.UTF_8).strip();
                throw new IOException(command.get(0) + " failed: " + said.lines().findFirst().orElse("exit " + p.exitValue()));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0));
        }
    }
}
