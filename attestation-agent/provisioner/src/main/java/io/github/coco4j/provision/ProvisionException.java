package io.github.coco4j.provision;

/** Provisioning cannot complete; nothing downstream may start. */
public class ProvisionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProvisionException(String message) {
        super(message);
    }

    public ProvisionException(String message, Throwable cause) {
        super(message, cause);
    }
}
