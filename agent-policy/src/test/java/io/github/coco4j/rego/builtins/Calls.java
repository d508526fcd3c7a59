package io.github.coco4j.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.HashMap;
import java.util.Map;

/** Calls standard builtins the way the evaluator does, with a fixed clock and a fresh cache per context. */
final class Calls {
    static final long NOW = 1_703_444_325_734_390_000L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private Calls() {
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
                return NOW;
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
        if (f.arity() != args.length) {
            throw new AssertionError(name + " takes " + f.arity() + " arguments, the test passes " + args.length);
        }
        return f.body().apply(context, args);
    }

    /** The result with strict builtin errors. */
    static Value strict(String name, Value... args) {
        return call(context(true), name, args);
    }

    /** The result without strict builtin errors. */
    static Value lax(String name, Value... args) {
        return call(context(false), name, args);
    }

    /** The message of the error a strict call raises. */
    static String error(String name, Value... args) {
        return assertThrows(BuiltinException.class, () -> strict(name, args)).getMessage();
    }

    /** A value from JSON text (single quotes allowed for readability). */
    static Value v(String json) {
        try {
            return Json.toValue(JSON.readTree(json.replace('\'', '"')));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static Value set(String jsonArray) {
        return SetValue.of(((io.github.coco4j.rego.value.ArrayValue) v(jsonArray)).asList());
    }
}
