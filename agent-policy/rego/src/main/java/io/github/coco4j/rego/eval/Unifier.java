package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.Value;

/**
 * Unification: binds the unbound variables of a pattern (a variable, or an array or object
 * literal containing them) so that it equals a value; patterns without unbound variables are
 * evaluated and compared.
 */
final class Unifier {
    private final Evaluation evaluation;

    Unifier(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    /** Makes the pattern's variables local to the body ({@code :=}, {@code some … in}). */
    static void declare(Expr pattern, Env env) {
        if (pattern instanceof Expr.Var v) {
            if (!v.isWildcard()) {
                env.declare(v.name());
            }
        } else if (pattern instanceof Expr.ArrayLiteral a) {
            a.elements().forEach(e -> declare(e, env));
        } else if (pattern instanceof Expr.ObjectLiteral o) {
            o.values().forEach(e -> declare(e, env));
        }
    }

    boolean hasUnbound(Expr expr, Env env) {
        if (expr instanceof Expr.Var v) {
            return v.isWildcard() || (env.lookup(v.name()) == null && !evaluation.isGlobal(v.name(), env));
        }
        if (expr instanceof Expr.ArrayLiteral a) {
            for (Expr e : a.elements()) {
                if (hasUnbound(e, env)) {
                    return true;
                }
            }
        } else if (expr instanceof Expr.ObjectLiteral o) {
            for (Expr e : o.values()) {
                if (hasUnbound(e, env)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Unifies {@code pattern} with {@code value}, running {@code k} for each way it succeeds. */
    boolean unify(Expr pattern, Value value, Env env, Next k) {
        if (pattern instanceof Expr.Var v) {
            if (v.isWildcard()) {
                return k.run();
            }
            Value bound = env.lookup(v.name());
            if (bound != null) {
                return !bound.equals(value) || k.run();
            }
            if (!evaluation.isGlobal(v.name(), env)) {
                Value previous = env.bind(v.name(), value);
                try {
                    return k.run();
                } finally {
                    env.restore(v.name(), previous);
                }
            }
        } else if (pattern instanceof Expr.ArrayLiteral a && hasUnbound(a, env)) {
            return value instanceof ArrayValue array && array.size() == a.elements().size()
                    ? elements(a, array, 0, env, k) : true;
        } else if (pattern instanceof Expr.ObjectLiteral o && hasUnbound(o, env)) {
            return value instanceof ObjectValue object && object.size() == o.keys().size()
                    ? fields(o, object, 0, env, k) : true;
        }
        return evaluation.eval(pattern, env, v -> !v.equals(value) || k.run());
    }

    private boolean elements(Expr.ArrayLiteral pattern, ArrayValue array, int i, Env env, Next k) {
        if (i == array.size()) {
            return k.run();
        }
        return unify(pattern.elements().get(i), array.get(i), env, () -> elements(pattern, array, i + 1, env, k));
    }

    private boolean fields(Expr.ObjectLiteral pattern, ObjectValue object, int i, Env env, Next k) {
        if (i == object.size()) {
            return k.run();
        }
        return evaluation.eval(pattern.keys().get(i), env, key -> {
            Value field = object.get(key);
            return field == null || unify(pattern.values().get(i), field, env,
                    () -> fields(pattern, object, i + 1, env, k));
        });
    }

    /** Unifies two expressions ({@code =}, {@code :=}). */
    boolean unify(Expr left, Expr right, Env env, Next k) {
        boolean leftOpen = hasUnbound(left, env);
        boolean rightOpen = hasUnbound(right, env);
        if (leftOpen && rightOpen) {
            return both(left, right, env, k);
        }
        if (leftOpen) {
            return evaluation.eval(right, env, v -> unify(left, v, env, k));
        }
        if (rightOpen) {
            return evaluation.eval(left, env, v -> unify(right, v, env, k));
        }
        return evaluation.eval(left, env, l -> evaluation.eval(right, env, r -> !l.equals(r) || k.run()));
    }

    /** Both sides have unbound variables: only literals of the same shape can be unified. */
    private boolean both(Expr left, Expr right, Env env, Next k) {
        if (left instanceof Expr.ArrayLiteral a && right instanceof Expr.ArrayLiteral b) {
            return a.elements().size() != b.elements().size() || pairs(a, b, 0, env, k);
        }
        if (left instanceof Expr.ObjectLiteral a && right instanceof Expr.ObjectLiteral b) {
            return a.keys().size() != b.keys().size() || fieldPairs(a, b, 0, env, k);
        }
        throw left.position().error("cannot unify " + describe(left) + " with " + describe(right)
                + ": both have unbound variables");
    }

    private boolean pairs(Expr.ArrayLiteral a, Expr.ArrayLiteral b, int i, Env env, Next k) {
        if (i == a.elements().size()) {
            return k.run();
        }
        return unify(a.elements().get(i), b.elements().get(i), env, () -> pairs(a, b, i + 1, env, k));
    }

    /**
     * Unifies the value of each key of {@code a} with the value of the equal key of {@code b}. The
     * objects have as many keys, so a key of {@code a} without its equal in {@code b} is a failure
     * and otherwise the key sets are the same.
     */
    private boolean fieldPairs(Expr.ObjectLiteral a, Expr.ObjectLiteral b, int i, Env env, Next k) {
        if (i == a.keys().size()) {
            return k.run();
        }
        Next rest = () -> fieldPairs(a, b, i + 1, env, k);
        return evaluation.eval(a.keys().get(i), env, key -> {
            for (int j = 0; j < b.keys().size(); j++) {
                Expr value = b.values().get(j);
                if (!evaluation.eval(b.keys().get(j), env,
                        other -> !other.equals(key) || unify(a.values().get(i), value, env, rest))) {
                    return false;
                }
            }
            return true;
        });
    }

    private static String describe(Expr e) {
        return e instanceof Expr.Var v ? "var " + v.name() : "expression";
    }
}
