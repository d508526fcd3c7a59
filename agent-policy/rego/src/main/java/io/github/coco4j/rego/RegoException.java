package io.github.coco4j.rego;

/** A policy that cannot be parsed or compiled, or an evaluation that fails. */
public class RegoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegoException(String message) {
        super(message);
    }

    public RegoException(String message, Throwable cause) {
        super(message, cause);
    }
}
