package io.github.coco4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** JSON comparison by value: objects ignore key order, numbers compare numerically (1 == 1.0 == 1L). */
public final class JsonAssertions {
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonAssertions() {
    }

    public static boolean sameJson(JsonNode expected, JsonNode actual) {
        return expected.equals(BY_VALUE, actual);
    }

    public static void assertSameJson(JsonNode expected, JsonNode actual) {
        assertTrue(sameJson(expected, actual), () -> "expected " + expected + "\n but was " + actual);
    }
}
