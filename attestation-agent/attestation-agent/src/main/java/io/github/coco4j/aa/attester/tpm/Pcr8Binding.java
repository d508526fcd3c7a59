package io.github.coco4j.aa.attester.tpm;

import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.initdata.Pcr8;
import io.github.coco4j.tpm.TpmAccessException;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The initdata binding of (v)TPM platforms: the boot provisioner extended PCR8 once with the
 * initdata digest, and verifiers recompute that value from the quoted PCRs.
 */
public final class Pcr8Binding {
    private Pcr8Binding() {
    }

    /** Returns true when PCR8 is exactly one extend of {@code initDataDigest} from zero, throws otherwise. */
    public static boolean verify(TpmAddress address, byte[] initDataDigest, TeeType tee) throws AttestationException {
        byte[] pcr8;
        try (TpmService tpm = TpmService.open(address)) {
            pcr8 = tpm.readPcr(Pcr8.INDEX);
        } catch (TpmAccessException e) {
            throw new AttestationException(tee.wireName() + ": cannot read PCR8: " + e.getMessage(), e);
        }
        if (!Arrays.equals(pcr8, Pcr8.expected(initDataDigest))) {
            throw new InitDataMismatchException(tee.wireName() + ": PCR8 " + HexFormat.of().formatHex(pcr8)
                    + " is not one extend of the initdata digest from zero");
        }
        return true;
    }
}
