package io.github.coco4j.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.eval.QueryResult;
import io.github.coco4j.rego.value.Value;
import java.util.List;

/** Evaluates builtin calls through the engine, as policies use them. */
final class BuiltinCase {
    private BuiltinCase() {
    }

    /** The value of {@code expression} as JSON text, or "undefined". */
    static String eval(String expression, boolean strict) {
        List<QueryResult> results = new Engine().setStrictBuiltinErrors(strict).evalQuery("x := " + expression);
        if (results.isEmpty()) {
            return "undefined";
        }
        Value value = results.get(0).bindings().get("x");
        return value.toString();
    }

    static void assertValue(String expected, String expression) {
        assertEquals(expected, eval(expression, true), expression);
    }

    /** Strict: an error containing {@code message}; non-strict: undefined. */
    static void assertError(String message, String expression) {
        RegoException e = assertThrows(RegoException.class, () -> eval(expression, true), expression);
        assertTrue(e.getMessage().contains(message), () -> expression + ": " + e.getMessage());
        assertEquals("undefined", eval(expression, false), expression + " (non-strict)");
    }
}
