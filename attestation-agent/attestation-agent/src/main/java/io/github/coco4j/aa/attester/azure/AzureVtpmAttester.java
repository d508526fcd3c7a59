package io.github.coco4j.aa.attester.azure;

import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.tpm.Pcr8Binding;
import io.github.coco4j.aa.attester.tpm.TpmPcrRegisters;
import io.github.coco4j.aa.attester.MeasurementRegisters;
import java.util.Optional;

/**
 * What Azure's vTPM attesters share: the vTPM and IMDS they gather from, the initdata binding in
 * PCR8 and the PCRs as runtime measurement registers, as upstream's do.
 */
abstract class AzureVtpmAttester implements Attester {
    protected final AzureVtpm vtpm;
    protected final AzureImds imds;

    AzureVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        this.vtpm = vtpm;
        this.imds = imds;
    }

    @Override
    public boolean verifyInitDataBinding(byte[] initDataDigest) throws AttestationException {
        return Pcr8Binding.verify(vtpm.address(), initDataDigest, tee());
    }

    @Override
    public Optional<MeasurementRegisters> measurementRegisters() {
        return Optional.of(new TpmPcrRegisters(vtpm.address()));
    }
}
