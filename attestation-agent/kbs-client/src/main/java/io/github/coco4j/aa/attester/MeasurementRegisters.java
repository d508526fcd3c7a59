package io.github.coco4j.aa.attester;

import io.github.coco4j.digest.HashAlgorithm;
import java.io.IOException;

/**
 * The runtime measurement registers of a platform, addressed by TPM PCR index: PCRs themselves
 * on (v)TPM platforms, the mapped RTMR on TDX.
 */
public interface MeasurementRegisters {
    /** Hash algorithm of the registers (and of the event log digests). */
    HashAlgorithm algorithm();

    /** The platform register a PCR index maps to, recorded in event log entries. */
    int registerIndex(int pcr);

    byte[] read(int pcr) throws IOException;

    /** Extends the register with a digest of {@link #algorithm()} length. */
    void extend(int pcr, byte[] digest) throws IOException;
}
