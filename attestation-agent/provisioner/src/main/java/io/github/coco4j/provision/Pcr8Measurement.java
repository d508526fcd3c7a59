package io.github.coco4j.provision;

import io.github.coco4j.errors.Failures;
import io.github.coco4j.files.AtomicFiles;
import io.github.coco4j.initdata.Pcr8;
import io.github.coco4j.tpm.TpmService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * Extends PCR8 with the initdata digest exactly once per boot. PCRs reset only at reboot, so a
 * record of the extend is kept beside the provisioned files (on the boot-scoped /run): a repeated
 * run with the same initdata finds it and PCR8 unchanged and does nothing; other initdata, or a
 * PCR8 that moved since, is an error. Without a record, a PCR8 that already equals the one-extend
 * value of this digest is taken as measured, so that a lost record never causes a second extend.
 */
final class Pcr8Measurement {
    static final String RECORD = ".initdata.measured";
    private static final Logger LOG = Logger.getLogger(Pcr8Measurement.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    /** What happened to PCR8, and its value afterwards. */
    record Outcome(boolean extended, byte[] pcr8) {
    }

    private Pcr8Measurement() {
    }

    static Outcome measure(TpmService tpm, byte[] digest, Path dir) throws ProvisionException {
        Path record = dir.resolve(RECORD);
        byte[] current = tpm.readPcr(Pcr8.INDEX);
        if (Files.exists(record)) {
            return confirm(record, digest, current);
        }
        if (Arrays.equals(current, Pcr8.expected(digest))) {
            LOG.info("PCR8 already holds this initdata's measurement; not extending again");
            writeRecord(record, digest, current);
            return new Outcome(false, current);
        }
        if (!Arrays.equals(current, new byte[Pcr8.SIZE])) {
            LOG.warning("PCR8 was not at its reset value before the initdata extend: " + HEX.formatHex(current));
        }
        tpm.extendPcr(Pcr8.INDEX, Pcr8.extendValue(digest));
        byte[] after = tpm.readPcr(Pcr8.INDEX);
        if (!Arrays.equals(after, Pcr8.expected(current, digest))) {
            throw new ProvisionException("PCR8 reads " + HEX.formatHex(after) + " after the extend, expected "
                    + HEX.formatHex(Pcr8.expected(current, digest)));
        }
        writeRecord(record, digest, after);
        return new Outcome(true, after);
    }

    private static Outcome confirm(Path record, byte[] digest, byte[] current) throws ProvisionException {
        String[] fields;
        try {
            fields = Files.readString(record, StandardCharsets.US_ASCII).strip().split(" ");
        } catch (IOException e) {
            throw new ProvisionException("cannot read the measurement record " + record + ": " + Failures.describe(e), e);
        }
        if (fields.length != 2) {
            throw new ProvisionException("the measurement record " + record + " is damaged");
        }
        if (!fields[0].equals(HEX.formatHex(digest))) {
            throw new ProvisionException("PCR8 already measures other initdata (digest " + fields[0]
                    + ") this boot; new initdata needs a reboot");
        }
        if (!fields[1].equals(HEX.formatHex(current))) {
            throw new ProvisionException("PCR8 changed since initdata was measured (recorded " + fields[1]
                    + ", now " + HEX.formatHex(current) + ")");
        }
        LOG.info("initdata was measured earlier this boot; not extending again");
        return new Outcome(false, current);
    }

    private static void writeRecord(Path record, byte[] digest, byte[] pcr8) throws ProvisionException {
        try {
            AtomicFiles.write(record, (HEX.formatHex(digest) + " " + HEX.formatHex(pcr8) + "\n")
                    .getBytes(StandardCharsets.US_ASCII), "rw-r--r--");
        } catch (IOException e) {
            throw new ProvisionException("PCR8 was extended but the record " + record + " cannot be written: "
                    + Failures.describe(e), e);
        }
    }
}
