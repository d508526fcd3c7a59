package io.github.coco4j.aa.attester;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.MeasurementRegisters;
import java.util.Optional;

/** Produces hardware evidence of one TEE type, in the JSON shape upstream's attester of that type emits. */
public interface Attester {
    TeeType tee();

    /** Evidence binding {@code reportData} (at most the platform's report data size). */
    ObjectNode evidence(byte[] reportData) throws AttestationException;

    /**
     * Checks that the hardware binds the initdata with this digest; throws
     * {@link InitDataMismatchException} when it does not. Platforms without hardware binding
     * return false; true means the binding was checked and holds.
     */
    boolean verifyInitDataBinding(byte[] initDataDigest) throws AttestationException;

    /** Registers runtime measurements can extend, when the platform has them. */
    default Optional<MeasurementRegisters> measurementRegisters() {
        return Optional.empty();
    }
}
