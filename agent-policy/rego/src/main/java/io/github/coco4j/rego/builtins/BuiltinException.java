package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.RegoException;

/**
 * A builtin rejected its arguments; the message follows the reference engine's wording. The code
 * is OPA's: {@code eval_builtin_error}, or {@code eval_type_error} for an operand of the wrong type
 * where OPA reports one (its deprecated casts).
 */
public class BuiltinException extends RegoException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public BuiltinException(String message) {
        this("eval_builtin_error", message);
    }

    private BuiltinException(String code, String message) {
        super(message);
        this.code = code;
    }

    static BuiltinException typeError(String message) {
        return new BuiltinException("eval_type_error", message);
    }

    /** OPA's error code, which prefixes the message when the error is reported. */
    public String code() {
        return code;
    }
}
