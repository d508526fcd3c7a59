package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.builtins.BuiltinFunction;
import io.github.coco4j.rego.builtins.Builtins;
import io.github.coco4j.rego.compiler.Callee;
import io.github.coco4j.rego.compiler.DocumentNode;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code literal with target as value}: the literal runs with part of input or data, a rule's
 * value, or a function replaced; the rest of the body runs with the originals again, keeping the
 * variables the literal bound.
 */
final class WithModifiers {
    /** Runs the literal itself, calling the given continuation for each of its solutions. */
    @FunctionalInterface
    interface Body {
        boolean run(Next inner);
    }

    private final Evaluation evaluation;

    WithModifiers(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    boolean apply(List<Literal.With> withs, Env env, Body body, Next k) {
        Object[] replacements = new Object[withs.size()];
        for (int i = 0; i < withs.size(); i++) {
            replacements[i] = replacement(withs.get(i), env);
            if (replacements[i] == null) {
                return true;
            }
        }
        EvaluationState state = evaluation.state;
        Value input = state.input();
        Value data = state.data();
        Map<DocumentNode, Object> ruleValues = state.ruleValues;
        Map<DocumentNode, Value> ruleOverrides = state.ruleOverrides;
        Map<String, Object> functionOverrides = state.functionOverrides;
        List<Map<String, Value>> solutions = new ArrayList<>();
        try {
            state.ruleOverrides = new HashMap<>(ruleOverrides);
            state.functionOverrides = new HashMap<>(functionOverrides);
            for (int i = 0; i < withs.size(); i++) {
                replace(withs.get(i), replacements[i]);
            }
            state.ruleValues = new HashMap<>();
            Set<String> before = env.ownBindings().keySet();
            body.run(() -> {
                Map<String, Value> bound = new HashMap<>(env.ownBindings());
                bound.keySet().removeAll(before);
                solutions.add(bound);
                return true;
            });
        } finally {
            state.replace(input, data);
            state.ruleValues = ruleValues;
            state.ruleOverrides = ruleOverrides;
            state.functionOverrides = functionOverrides;
        }
        for (Map<String, Value> solution : solutions) {
            Map<String, Value> previous = new HashMap<>();
            solution.forEach((name, value) -> previous.put(name, env.bind(name, value)));
            boolean more = k.run();
            previous.forEach(env::restore);
            if (!more) {
                return false;
            }
        }
        return true;
    }

    /**
     * What replaces the target: a function or builtin when a function is replaced by one named
     * (not evaluated, so a mock that is never called costs nothing), else the value; null when
     * the value is undefined.
     */
    private Object replacement(Literal.With with, Env env) {
        Object function = functionTarget(with.target()) ? namedFunction(with.value()) : null;
        if (function != null) {
            return function;
        }
        Expr value = with.value();
        if (value instanceof Expr.Var v && env.lookup(v.name()) == null && !evaluation.isGlobal(v.name(), env)) {
            return null;
        }
        return evaluation.first(value, env);
    }

    private boolean functionTarget(Expr target) {
        return functionKey(path(target)) != null;
    }

    /** The key under which a replaced function is looked up, or null when {@code path} names none. */
    private String functionKey(List<String> path) {
        DocumentNode function = functionNode(path);
        if (function != null) {
            return function.dottedPath();
        }
        String name = String.join(".", path);
        return Builtins.standard().lookup(name) != null ? name : null;
    }

    private void replace(Literal.With with, Object replacement) {
        List<String> path = path(with.target());
        EvaluationState state = evaluation.state;
        String function = functionKey(path);
        if (function != null) {
            state.functionOverrides.put(function, replacement);
            return;
        }
        Value value = (Value) replacement;
        String root = path.get(0);
        if (root.equals("input")) {
            state.replace(setPath(state.input(), path, 1, value), state.data());
            return;
        }
        if (!root.equals("data")) {
            throw with.position().error("not a valid target for with modifier");
        }
        DocumentNode node = evaluation.policy.root();
        for (int i = 1; i < path.size(); i++) {
            node = node.child(path.get(i));
            if (node == null) {
                break;
            }
            if (node.definesValue()) {
                Value current = i + 1 == path.size() ? null : evaluation.rules.value(node);
                state.ruleOverrides.put(node, setPath(current, path, i + 1, value));
                return;
            }
        }
        if (node != null && path.size() > 1) {
            // A document that rules under it build (q.a := 1, q.b := 2) is replaced whole, rules and all.
            state.ruleOverrides.put(node, value);
            return;
        }
        state.replace(state.input(), setPath(state.data(), path, 1, value));
    }

    /** The function or builtin that {@code replacement} names, or null when it names none. */
    private Callee namedFunction(Expr replacement) {
        List<String> name = pathOrNull(replacement);
        if (name == null) {
            return null;
        }
        DocumentNode node = functionNode(name);
        if (node != null) {
            return new Callee.Function(node.dottedPath(), node);
        }
        BuiltinFunction builtin = Builtins.standard().lookup(String.join(".", name));
        return builtin == null ? null : new Callee.Builtin(builtin.name(), builtin);
    }

    private DocumentNode functionNode(List<String> path) {
        DocumentNode node = path.get(0).equals("data") ? evaluation.policy.node(path.subList(1, path.size()))
                : evaluation.scope.packageNode() == null ? null : evaluation.scope.packageNode().descend(path);
        return node != null && node.definesFunction() ? node : null;
    }

    private List<String> path(Expr target) {
        List<String> path = pathOrNull(target);
        if (path == null) {
            throw target.position().error("not a valid target for with modifier");
        }
        return path;
    }

    /** Applies an import alias at the start of a name ({@code lib.f} for {@code data.lib.f}). */
    private List<String> unaliased(List<String> path) {
        List<String> imported = evaluation.scope.imports().get(path.get(0));
        if (imported == null) {
            return path;
        }
        List<String> full = new ArrayList<>(imported);
        full.addAll(path.subList(1, path.size()));
        return full;
    }

    private List<String> pathOrNull(Expr target) {
        List<String> path = segments(target);
        return path == null ? null : unaliased(path);
    }

    private static List<String> segments(Expr target) {
        if (target instanceof Expr.Var v) {
            return new ArrayList<>(List.of(v.name()));
        }
        if (target instanceof Expr.Ref r && r.index() instanceof Expr.Scalar s && s.value() instanceof StringValue field) {
            List<String> head = segments(r.head());
            if (head != null) {
                head.add(field.value());
            }
            return head;
        }
        return null;
    }

    static Value setPath(Value root, List<String> path, int from, Value value) {
        if (from == path.size()) {
            return value;
        }
        ObjectValue object = root instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        StringValue key = StringValue.of(path.get(from));
        return object.with(key, setPath(object.get(key), path, from + 1, value));
    }
}
