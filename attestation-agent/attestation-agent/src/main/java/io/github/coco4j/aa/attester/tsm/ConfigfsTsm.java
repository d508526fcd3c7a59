package io.github.coco4j.aa.attester.tsm;

import io.github.coco4j.aa.attester.AttestationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Linux configfs-tsm report interface ({@code /sys/kernel/config/tsm/report}): one entry per
 * request, checked for the wanted provider, {@code inblob} written, {@code outblob} (and
 * {@code auxblob}) read, and the {@code generation} counter checked so that a concurrent writer
 * of the same entry cannot slip its report in.
 */
public final class ConfigfsTsm {
    private static final Logger LOG = Logger.getLogger(ConfigfsTsm.class.getName());

    private final Path root;
    private final ReportEntries entries;

    public ConfigfsTsm(Path root, ReportEntries entries) {
        this.root = root;
        this.entries = entries;
    }

    public ConfigfsTsm(Path root) {
        this(root, ReportEntries.CONFIGFS);
    }

    public Path root() {
        return root;
    }

    /** Whether a report entry for this provider can be made here (the platform detection upstream uses). */
    public boolean supports(TsmProvider provider) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try {
            Path entry = entries.create(root);
            try {
                return provider.attribute().equals(providerOf(entry));
            } finally {
                removeQuietly(entry);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Generates a report over {@code inblob}. {@code privilegeLevel} is written when not null
     * (SEV guests ask for VMPL 0); {@code withAuxblob} also reads the auxiliary blob.
     */
    public TsmReport generate(TsmProvider provider, byte[] inblob, Integer privilegeLevel, boolean withAuxblob)
            throws AttestationException {
        if (inblob.length == 0) {
            throw new AttestationException("configfs-tsm: refusing an empty inblob");
        }
        if (!Files.isDirectory(root)) {
            throw new AttestationException("configfs-tsm: " + root + " does not exist (is configfs mounted and the "
                    + provider.attribute() + " driver loaded?)");
        }
        Path entry;
        try {
            entry = entries.create(root);
        } catch (IOException e) {
            throw new AttestationException("configfs-tsm: cannot create a report entry under " + root + ": " + e, e);
        }
        try {
            String found = providerOf(entry);
            if (!provider.attribute().equals(found)) {
                throw new AttestationException("configfs-tsm: provider is '" + found + "', expected '"
                        + provider.attribute() + "'");
            }
            if (privilegeLevel != null) {
                Files.writeString(entry.resolve("privlevel"), privilegeLevel.toString(), StandardCharsets.US_ASCII);
            }
            Files.write(entry.resolve("inblob"), inblob);
            byte[] outblob = Files.readAllBytes(entry.resolve("outblob"));
            checkGeneration(entry);
            byte[] auxblob = null;
            if (withAuxblob) {
                auxblob = readOptional(entry.resolve("auxblob"));
                checkGeneration(entry);
            }
            return new TsmReport(outblob, auxblob);
        } catch (IOException e) {
            throw new AttestationException("configfs-tsm: report request in " + entry + " failed: " + e, e);
        } finally {
            removeQuietly(entry);
        }
    }

    private static String providerOf(Path entry) throws IOException {
        return Files.readString(entry.resolve("provider"), StandardCharsets.US_ASCII).strip();
    }

    /** generation counts inblob writes; anything but 1 means another writer used this entry. */
    private static void checkGeneration(Path entry) throws IOException, AttestationException {
        String text = Files.readString(entry.resolve("generation"), StandardCharsets.US_ASCII).strip();
        long generation;
        try {
            generation = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AttestationException("configfs-tsm: generation '" + text + "' is not a number");
        }
        if (generation != 1) {
            throw new AttestationException("configfs-tsm: generation is " + generation
                    + " (expected 1): another writer used the report entry; discarding its report");
        }
    }

    private static byte[] readOptional(Path file) throws IOException {
        try {
            byte[] content = Files.readAllBytes(file);
            return content.length == 0 ? null : content;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void removeQuietly(Path entry) {
        try {
            entries.remove(entry);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "configfs-tsm: cannot remove report entry {0}: {1}", new Object[] {entry, e});
        }
    }
}
