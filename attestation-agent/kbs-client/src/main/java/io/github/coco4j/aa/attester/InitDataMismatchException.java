package io.github.coco4j.aa.attester;

/** The hardware's initdata register (PCR8, MRCONFIGID, HOSTDATA) does not hold the expected digest. */
public final class InitDataMismatchException extends AttestationException {
    private static final long serialVersionUID = 1L;

    public InitDataMismatchException(String message) {
        super(message);
    }
}
