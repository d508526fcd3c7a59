package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rules without bodies whose heads are constant can be compared before any evaluation: two that
 * define the same document with different values are recorded on its node. As in OPA, this is an
 * evaluation conflict, reported only if that document is evaluated.
 */
final class ConstantConflicts {
    private ConstantConflicts() {
    }

    static void check(DocumentNode node) {
        Map<List<Value>, Value> defined = new HashMap<>();
        for (RuleDefinition definition : node.rules()) {
            Rule rule = definition.rule();
            if (!rule.body().literals().isEmpty() || rule.kind() == Rule.Kind.PARTIAL_SET) {
                continue;
            }
            List<Value> key = new ArrayList<>();
            boolean constant = true;
            for (Expr k : rule.keys()) {
                Value v = valueOf(k);
                constant &= v != null;
                key.add(v);
            }
            Value value = rule.value() == null ? BoolValue.TRUE : valueOf(rule.value());
            if (!constant || value == null) {
                continue;
            }
            Value previous = defined.putIfAbsent(key, value);
            if (previous != null && !previous.equals(value)) {
                node.conflict(rule);
                break;
            }
        }
        node.children().values().forEach(ConstantConflicts::check);
    }

    /** The value of a literal made only of constants, or null. */
    static Value valueOf(Expr expr) {
        return valueOf(expr, new IdentityHashMap<>());
    }

    /**
     * As {@link #valueOf(Expr)}, recording in {@code known} the value of every composite literal
     * found constant, and taking those already there: the compiler asks about a literal and then
     * about each literal inside it, which would rebuild a nested constant once per level.
     */
    static Value valueOf(Expr expr, Map<Expr, Value> known) {
        if (expr instanceof Expr.Scalar s) {
            return s.value();
        }
        Value value = known.get(expr);
        if (value == null) {
            value = composite(expr, known);
            if (value != null) {
                known.put(expr, value);
            }
        }
        return value;
    }

    private static Value composite(Expr expr, Map<Expr, Value> known) {
        if (expr instanceof Expr.ArrayLiteral a) {
            List<Value> elements = constants(a.elements(), known);
            return elements == null ? null : ArrayValue.of(elements);
        }
        if (expr instanceof Expr.SetLiteral s) {
            List<Value> elements = constants(s.elements(), known);
            return elements == null ? null : SetValue.of(elements);
        }
        if (expr instanceof Expr.ObjectLiteral o) {
            List<Value> keys = constants(o.keys(), known);
            List<Value> values = constants(o.values(), known);
            if (keys == null || values == null) {
                return null;
            }
            TreeMap<Value, Value> entries = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                entries.put(keys.get(i), values.get(i));
            }
            return ObjectValue.of(entries);
        }
        return null;
    }

    private static List<Value> constants(List<Expr> exprs, Map<Expr, Value> known) {
        List<Value> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            Value v = valueOf(e, known);
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        return out;
    }
}
