package io.github.coco4j.initdata;

/** An initdata document, annotation or policy that cannot be used; the message names the culprit. */
public class InitdataException extends Exception {
    private static final long serialVersionUID = 1L;

    public InitdataException(String message) {
        super(message);
    }

    public InitdataException(String message, Throwable cause) {
        super(message, cause);
    }
}
