package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.RegoException;

/** A builtin rejected its arguments; the message follows the reference engine's wording. */
public class BuiltinException extends RegoException {
    private static final long serialVersionUID = 1L;

    public BuiltinException(String message) {
        super(message);
    }
}
