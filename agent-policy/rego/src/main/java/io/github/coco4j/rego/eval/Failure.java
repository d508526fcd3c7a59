package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.ast.Position;
import java.util.Map;

/**
 * Why a body failed: the first of its expressions that had no solution, at {@code at}, with its
 * source line and the values its variables had when it was last tried.
 */
public record Failure(Position at, String expression, Map<String, String> values) {
    /** Where the expression is, as file:line:col. */
    public String location() {
        return at.source().name() + ":" + at.line() + ":" + at.column();
    }

    @Override
    public String toString() {
        return location() + ": " + expression + (values.isEmpty() ? "" : " " + values);
    }
}
