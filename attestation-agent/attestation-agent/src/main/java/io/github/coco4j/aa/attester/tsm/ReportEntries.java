package io.github.coco4j.aa.attester.tsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates and removes report entries under the configfs-tsm root. On configfs a {@code mkdir}
 * makes the kernel populate the entry with its attributes and {@code rmdir} removes it with them.
 */
public interface ReportEntries {
    Path create(Path root) throws IOException;

    void remove(Path entry) throws IOException;

    /** The kernel interface: a uniquely named directory, removed with rmdir. */
    ReportEntries CONFIGFS = new ReportEntries() {
        @Override
        public Path create(Path root) throws IOException {
            return Files.createTempDirectory(root, "coco4j-");
        }

        @Override
        public void remove(Path entry) throws IOException {
            Files.delete(entry);
        }
    };
}
