package io.github.coco4j.rego.ast;

import java.util.List;

/**
 * A rule of a module. It defines the document at {@code path} (fixed segments relative to the
 * package), further indexed by {@code keys} (computed parts of the head, such as {@code x} in
 * {@code p[x] := v}): a complete rule has no keys; a partial object rule has keys and a value; a
 * partial set rule adds {@code element} to the set at {@code path[keys…]}; a function has
 * {@code args}. {@code value} is null where the value is {@code true}. {@code elses} are the
 * {@code else} branches of a complete rule or function, tried in order.
 */
public record Rule(Position position, Kind kind, List<String> path, List<Expr> keys, Expr element, List<Expr> args,
                   Expr value, boolean isDefault, Query body, List<Else> elses) {

    public enum Kind { COMPLETE, PARTIAL_SET, PARTIAL_OBJECT, FUNCTION }

    public record Else(Position position, Expr value, Query body) {
    }

    public String name() {
        return String.join(".", path);
    }
}
