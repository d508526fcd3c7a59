package io.github.coco4j.aa.attester.tpm;

import io.github.coco4j.aa.attester.MeasurementRegisters;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.tpm.TpmAccessException;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.io.IOException;

/** A TPM's sha256 PCRs as runtime measurement registers; a PCR is its own register. */
public final class TpmPcrRegisters implements MeasurementRegisters {
    private final TpmAddress address;

    public TpmPcrRegisters(TpmAddress address) {
        this.address = address;
    }

    @Override
    public HashAlgorithm algorithm() {
        return HashAlgorithm.SHA256;
    }

    @Override
    public int registerIndex(int pcr) {
        return pcr;
    }

    @Override
    public byte[] read(int pcr) throws IOException {
        try (TpmService tpm = TpmService.open(address)) {
            return tpm.readPcr(pcr);
        } catch (TpmAccessException e) {
            throw new IOException("cannot read PCR" + pcr + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void extend(int pcr, byte[] digest) throws IOException {
        try (TpmService tpm = TpmService.open(address)) {
            tpm.extendPcr(pcr, digest);
        } catch (TpmAccessException e) {
            throw new IOException("cannot extend PCR" + pcr + ": " + e.getMessage(), e);
        }
    }
}
