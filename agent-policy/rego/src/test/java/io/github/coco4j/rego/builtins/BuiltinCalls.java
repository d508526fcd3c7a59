package io.github.coco4j.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.HashMap;
import java.util.Map;

/** Calls standard builtins directly, as the evaluator does, with a context of its own per call. */
final class BuiltinCalls {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private BuiltinCalls() {
    }

    static BuiltinContext context(boolean strict) {
        Map<Object, Object> cache = new HashMap<>();
        return new BuiltinContext() {
            @Override
            public boolean strict() {
                return strict;
            }

            @Override
            public long nowNanos() {
                return 1_700_000_000_000_000_000L;
            }

            @Override
            public Map<Object, Object> evaluationCache() {
                return cache;
            }
        };
    }

    static Value call(BuiltinContext context, String name, Value... args) {
        BuiltinFunction f = Builtins.standard().lookup(name);
        assertNotNull(f, () -> name + " is not registered");
        assertEquals(f.arity(), args.length, () -> name + " arity");
        return f.body().apply(context, args);
    }

    static Value strict(String name, Value... args) {
        return call(context(true), name, args);
    }

    static Value lax(String name, Value... args) {
        return call(context(false), name, args);
    }

    /** The message of the error a strict call raises. */
    static String error(String name, Value... args) {
        return assertThrows(BuiltinException.class, () -> strict(name, args), name).getMessage();
    }

    /** Both modes: the strict call fails with {@code message}; the lax one fails too or is undefined. */
    static void assertFails(String message, String name, Value... args) {
        assertEquals(message, error(name, args));
        try {
            assertNull(lax(name, args), name + " (non-strict)");
        } catch (BuiltinException e) {
            // The evaluator turns this into an undefined result when builtin errors are not strict.
            assertEquals(message, e.getMessage());
        }
    }

    /** A value from JSON text; single quotes stand for double quotes. */
    static Value v(String json) {
        try {
            return Json.toValue(JSON.readTree(json.replace('\'', '"')));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static Value s(String text) {
        return StringValue.of(text);
    }

    static Value set(String jsonArray) {
        return SetValue.of(((ArrayValue) v(jsonArray)).asList());
    }
}
