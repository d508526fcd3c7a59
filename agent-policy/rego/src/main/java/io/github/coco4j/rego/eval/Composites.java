package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Array, set and object literals, comprehensions, unary minus, membership and assignment as values. */
final class Composites {
    /** OPA's code and words for two values under one key, before the reference engine's details. */
    static final String KEY_CONFLICT = "eval_conflict_error: object keys must be unique: ";

    private Composites() {
    }

    static boolean eval(Evaluation ev, Expr expr, Env env, ValueSink k) {
        Value constant = ev.policy.constant(expr);
        if (constant != null) {
            return k.accept(constant);
        }
        if (expr instanceof Expr.ArrayLiteral a) {
            return all(ev, a.elements(), 0, new Value[a.elements().size()], env, values -> {
                ev.state.built(values.length, a.position());
                return k.accept(ArrayValue.wrap(values.clone()));
            });
        }
        if (expr instanceof Expr.SetLiteral s) {
            return all(ev, s.elements(), 0, new Value[s.elements().size()], env, values -> {
                ev.state.built(values.length, s.position());
                return k.accept(SetValue.fromUnsorted(values.clone()));
            });
        }
        if (expr instanceof Expr.ObjectLiteral o) {
            return object(ev, o, env, k);
        }
        if (expr instanceof Expr.ArrayComprehension c) {
            return k.accept(ArrayValue.of(elements(ev, c, c.term(), c.body(), env)));
        }
        if (expr instanceof Expr.SetComprehension c) {
            return k.accept(SetValue.of(elements(ev, c, c.term(), c.body(), env)));
        }
        if (expr instanceof Expr.ObjectComprehension c) {
            return k.accept(objectComprehension(ev, c, env));
        }
        if (expr instanceof Expr.Negate n) {
            return ev.eval(n.operand(), env, v -> {
                try {
                    return k.accept(Operators.negate(v));
                } catch (RegoException e) {
                    throw ev.error(n.position(), e);
                }
            });
        }
        if (expr instanceof Expr.Membership m) {
            return ev.eval(m.collection(), env, collection -> m.key() == null
                    ? ev.eval(m.value(), env, v -> k.accept(Operators.member(null, v, collection)))
                    : ev.eval(m.key(), env, key -> ev.eval(m.value(), env,
                            v -> k.accept(Operators.member(key, v, collection)))));
        }
        if (expr instanceof Expr.Assign a) {
            if (a.declare()) {
                Unifier.declare(a.left(), env);
            }
            return ev.unifier().unify(a.left(), a.right(), env, () -> k.accept(BoolValue.TRUE));
        }
        throw new IllegalStateException("unexpected expression " + expr);
    }

    /** Evaluates each expression in turn, calling {@code k} for every combination of their values. */
    interface Combination {
        boolean accept(Value[] values);
    }

    static boolean all(Evaluation ev, List<Expr> exprs, int i, Value[] values, Env env, Combination k) {
        if (i == exprs.size()) {
            return k.accept(values);
        }
        return ev.eval(exprs.get(i), env, v -> {
            values[i] = v;
            return all(ev, exprs, i + 1, values, env, k);
        });
    }

    /** Every value of {@code term} over the solutions of {@code body}, each counted as a cell built. */
    private static List<Value> elements(Evaluation ev, Expr comprehension, Expr term, Query body, Env env) {
        List<Value> out = new ArrayList<>();
        Env inner = new Env(env);
        ev.query(body, inner, () -> ev.eval(term, inner, v -> {
            ev.state.built(1, comprehension.position());
            return out.add(v);
        }));
        return out;
    }

    private static boolean object(Evaluation ev, Expr.ObjectLiteral o, Env env, ValueSink k) {
        int n = o.keys().size();
        List<Expr> parts = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
            parts.add(o.keys().get(i));
            parts.add(o.values().get(i));
        }
        return all(ev, parts, 0, new Value[2 * n], env, values -> {
            ev.state.built(n, o.position());
            TreeMap<Value, Value> entries = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                entries.put(values[2 * i], values[2 * i + 1]);
            }
            return k.accept(ObjectValue.of(entries));
        });
    }

    private static ObjectValue objectComprehension(Evaluation ev, Expr.ObjectComprehension c, Env env) {
        TreeMap<Value, Value> entries = new TreeMap<>();
        Env inner = new Env(env);
        ev.query(c.body(), inner, () -> ev.eval(c.key(), inner, key -> ev.eval(c.value(), inner, value -> {
            ev.state.built(1, c.position());
            Value previous = entries.putIfAbsent(key, value);
            if (previous != null && !previous.equals(value)) {
                throw c.position().error(KEY_CONFLICT + "value for key `" + key + "` generated multiple times: `" + previous
                        + "` and `" + value + "`");
            }
            return true;
        })));
        return ObjectValue.of(entries);
    }
}
