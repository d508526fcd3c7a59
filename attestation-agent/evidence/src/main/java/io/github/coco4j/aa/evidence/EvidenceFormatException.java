package io.github.coco4j.aa.evidence;

/** A binary evidence structure (quote, report, TPM structure) is malformed; the message names what and where. */
public final class EvidenceFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public EvidenceFormatException(String message) {
        super(message);
    }
}
