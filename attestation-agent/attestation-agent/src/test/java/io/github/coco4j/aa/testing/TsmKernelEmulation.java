package io.github.coco4j.aa.testing;

import io.github.coco4j.aa.attester.tsm.ReportEntries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kernel does on configfs-tsm: a new report entry comes with its attributes (provider,
 * generation as after one inblob write, and the report the TEE would return). Everything the
 * attester does on the entry after that is plain file I/O on a real directory. Removing an entry
 * records the inblob the attester wrote, so tests can check it.
 */
public final class TsmKernelEmulation implements ReportEntries {
    private final String provider;
    private final byte[] outblob;
    private final byte[] auxblob;
    private final String generation;
    private final List<byte[]> inblobs = new ArrayList<>();
    private final List<String> privlevels = new ArrayList<>();

    public TsmKernelEmulation(String provider, byte[] outblob, byte[] auxblob, String generation) {
        this.provider = provider;
        this.outblob = outblob;
        this.auxblob = auxblob;
        this.generation = generation;
    }

    public static TsmKernelEmulation tdx(byte[] quote) {
        return new TsmKernelEmulation("tdx_guest", quote, null, "1");
    }

    public static TsmKernelEmulation sev(byte[] report, byte[] certificateTable) {
        return new TsmKernelEmulation("sev_guest", report, certificateTable, "1");
    }

    @Override
    public Path create(Path root) throws IOException {
        Path entry = Files.createTempDirectory(root, "entry-");
        Files.writeString(entry.resolve("provider"), provider + "\n", StandardCharsets.US_ASCII);
        Files.writeString(entry.resolve("generation"), generation + "\n", StandardCharsets.US_ASCII);
        Files.write(entry.resolve("outblob"), outblob);
        if (auxblob != null) {
            Files.write(entry.resolve("auxblob"), auxblob);
        }
        return entry;
    }

    @Override
    public void remove(Path entry) throws IOException {
        Path inblob = entry.resolve("inblob");
        if (Files.exists(inblob)) {
            inblobs.add(Files.readAllBytes(inblob));
        }
        Path privlevel = entry.resolve("privlevel");
        if (Files.exists(privlevel)) {
            privlevels.add(Files.readString(privlevel));
        }
        try (Stream<Path> files = Files.walk(entry)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    public List<byte[]> inblobs() {
        return inblobs;
    }

    public List<String> privlevels() {
        return privlevels;
    }
}
