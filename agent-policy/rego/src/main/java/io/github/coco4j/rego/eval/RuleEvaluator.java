package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.compiler.DocumentNode;
import io.github.coco4j.rego.compiler.ModuleScope;
import io.github.coco4j.rego.compiler.RuleDefinition;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values of rules and results of functions. Every definition of a rule is evaluated, with all
 * its solutions, except that a definition whose head is constant stops at its first solution;
 * complete rules and functions that produce different values are errors.
 */
final class RuleEvaluator {
    private static final Object UNDEFINED = new Object();
    private static final Object IN_PROGRESS = new Object();
    /** One wording, OPA's, whether the outputs come from one definition or from several. */
    private static final String COMPLETE_CONFLICT = "eval_conflict_error: complete rules must not produce multiple outputs";
    private static final String FUNCTION_CONFLICT =
            "eval_conflict_error: functions must not produce multiple outputs for same inputs";

    private final Evaluation evaluation;

    RuleEvaluator(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    /** The value of the rules at {@code node}, or null when undefined. */
    Value value(DocumentNode node) {
        EvaluationState state = evaluation.state;
        Value replaced = state.ruleOverrides.get(node);
        if (replaced != null) {
            return replaced;
        }
        Object cached = state.ruleValues.get(node);
        if (cached == IN_PROGRESS) {
            throw node.rules().get(0).rule().position().error("recursion detected in " + node.dottedPath());
        }
        if (cached != null) {
            return cached == UNDEFINED ? null : (Value) cached;
        }
        state.ruleValues.put(node, IN_PROGRESS);
        Value value;
        try {
            value = compute(node);
        } catch (RuntimeException e) {
            state.ruleValues.remove(node);
            throw e;
        }
        state.ruleValues.put(node, value == null ? UNDEFINED : value);
        return value;
    }

    /** The value a {@code with} modifier gives the document at {@code node}, or null. */
    Value replacement(DocumentNode node) {
        Map<DocumentNode, Value> overrides = evaluation.state.ruleOverrides;
        return overrides.isEmpty() ? null : overrides.get(node);
    }

    /** The object at a node holding packages or nested rules: base data merged with rule values. */
    Value virtualDocument(DocumentNode node, Value base) {
        Value replaced = replacement(node);
        if (replaced != null) {
            return replaced;
        }
        ObjectValue.Builder out = ObjectValue.builder();
        if (base instanceof ObjectValue object) {
            for (int i = 0; i < object.size(); i++) {
                out.put(object.keyAt(i), object.valueAt(i));
            }
        }
        for (Map.Entry<String, DocumentNode> e : node.children().entrySet()) {
            DocumentNode child = e.getValue();
            Value childBase = base instanceof ObjectValue object ? object.get(e.getKey()) : null;
            Value value = child.definesValue() ? value(child)
                    : child.hasRules() || child.packageDeclared() ? virtualDocument(child, childBase) : childBase;
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out.build();
    }

    private Value compute(DocumentNode node) {
        Rule conflicting = node.conflictingRule();
        if (conflicting != null) {
            throw conflicting.position().error((conflicting.keys().isEmpty()
                    ? COMPLETE_CONFLICT
                    : "eval_conflict_error: object keys must be unique") + ": rule conflicts with the following rule");
        }
        Rule.Kind kind = node.rules().isEmpty() ? node.defaultRule().rule().kind() : node.rules().get(0).rule().kind();
        Value value = switch (kind) {
            case COMPLETE -> complete(node);
            default -> partial(node);
        };
        if (value == null && node.defaultRule() != null) {
            RuleDefinition fallback = node.defaultRule();
            value = inScope(fallback, () -> evaluation.first(fallback.rule().value(), new Env(null)));
            evaluation.state.origins.put(node, fallback.rule());
        }
        return node.children().isEmpty() ? value : withChildren(node, value);
    }

    /** Rules with keys and rules with longer paths can define parts of one object: {@code p[x] := 1} and {@code p.q := 2}. */
    private Value withChildren(DocumentNode node, Value value) {
        if (value != null && !(value instanceof ObjectValue)) {
            throw node.rules().get(0).rule().position().error("eval_conflict_error: rules must not produce multiple outputs");
        }
        ObjectValue own = value == null ? ObjectValue.EMPTY : (ObjectValue) value;
        return merge(node.rules().get(0).rule(), own, (ObjectValue) virtualDocument(node, null), 0);
    }

    /**
     * The rules of a node and those of longer paths under it build one document. Along the keys of
     * the node's rule ({@code q} and {@code r} in {@code p[q].r}) objects merge key by key; at the
     * rule's own value only the sets of multi-value rules unite ({@code p[q] contains r} beside
     * {@code p.b contains "foo"}); any other two values under one key are a conflict, as a rule's
     * value is not merged into.
     */
    private static ObjectValue merge(Rule rule, ObjectValue own, ObjectValue children, int level) {
        ObjectValue merged = own;
        boolean valueLevel = level >= rule.keys().size() - 1;
        for (int i = 0; i < children.size(); i++) {
            Value key = children.keyAt(i);
            Value added = children.valueAt(i);
            Value existing = merged.get(key);
            if (!valueLevel && existing instanceof ObjectValue a && added instanceof ObjectValue b) {
                added = merge(rule, a, b, level + 1);
            } else if (valueLevel && rule.kind() == Rule.Kind.PARTIAL_SET
                    && existing instanceof SetValue a && added instanceof SetValue b) {
                added = a.union(b);
            } else if (existing != null && !existing.equals(added)) {
                throw rule.position().error(Composites.KEY_CONFLICT + "value for key `" + key
                        + "` generated multiple times: `" + existing + "` and `" + added + "`");
            }
            merged = merged.with(key, added);
        }
        return merged;
    }

    private Value complete(DocumentNode node) {
        Value result = null;
        for (RuleDefinition definition : node.rules()) {
            Value value = inScope(definition, () -> completeDefinition(definition.rule()));
            if (value != null) {
                if (result != null && !result.equals(value)) {
                    throw definition.rule().position().error(COMPLETE_CONFLICT);
                }
                if (result == null) {
                    evaluation.state.origins.put(node, definition.rule());
                }
                result = value;
            }
        }
        return result;
    }

    /**
     * The main body, then each {@code else} in turn until one gives a value. A constant head has
     * one value however many solutions its body has, so the first solution is enough.
     */
    private Value completeDefinition(Rule rule) {
        Value value = outputs(rule.body(), rule.value(), new Env(null), isConstant(rule.value()), rule.position(),
                COMPLETE_CONFLICT);
        for (int i = 0; value == null && i < rule.elses().size(); i++) {
            Rule.Else branch = rule.elses().get(i);
            value = outputs(branch.body(), branch.value(), new Env(null), isConstant(branch.value()), branch.position(),
                    COMPLETE_CONFLICT);
        }
        return value;
    }

    private static boolean isConstant(Expr output) {
        return output == null || output instanceof Expr.Scalar;
    }

    /**
     * The single value {@code output} takes over the body's solutions in {@code env} (true when
     * absent); a second, different value is the {@code conflict} at {@code at}.
     */
    private Value outputs(Query body, Expr output, Env env, boolean constant, Position at, String conflict) {
        Output values = new Output();
        evaluation.query(body, env, () -> output == null
                ? values.collect(BoolValue.TRUE, constant)
                : evaluation.eval(output, env, v -> values.collect(v, constant)));
        if (values.conflict) {
            throw at.error(conflict);
        }
        return values.value;
    }

    /**
     * The value a body gives its output over all its solutions, and whether they differed. A
     * field and a flag rather than a set of the values: this runs for every call of a function.
     */
    private static final class Output {
        Value value;
        boolean conflict;

        /** Adds a value; returns whether to look for more (not after the first of a constant head). */
        boolean collect(Value added, boolean constant) {
            if (value == null) {
                value = added;
            } else if (!value.equals(added)) {
                conflict = true;
            }
            return !constant;
        }
    }

    private Value partial(DocumentNode node) {
        PartialDocument document = new PartialDocument();
        for (RuleDefinition definition : node.rules()) {
            inScope(definition, () -> {
                partialDefinition(definition.rule(), document);
                return null;
            });
        }
        Rule first = node.rules().isEmpty() ? node.defaultRule().rule() : node.rules().get(0).rule();
        return document.toValue(first.kind() == Rule.Kind.PARTIAL_SET && first.keys().isEmpty());
    }

    private void partialDefinition(Rule rule, PartialDocument document) {
        boolean constant = rule.keys().stream().allMatch(k -> k instanceof Expr.Scalar)
                && (rule.kind() == Rule.Kind.PARTIAL_SET ? rule.element() instanceof Expr.Scalar
                : rule.value() == null || rule.value() instanceof Expr.Scalar);
        Env env = new Env(null);
        boolean[] any = {false};
        Next emit = () -> Composites.all(evaluation, rule.keys(), 0, new Value[rule.keys().size()], env, keys -> {
            evaluation.state.built(1, rule.position());
            Value[] path = keys.clone();
            if (rule.kind() == Rule.Kind.PARTIAL_SET) {
                return evaluation.eval(rule.element(), env, element -> {
                    document.addElement(rule, path, element);
                    any[0] = true;
                    return !constant;
                });
            }
            Expr output = rule.value();
            if (output == null) {
                document.put(rule, path, BoolValue.TRUE);
                any[0] = true;
                return !constant;
            }
            return evaluation.eval(output, env, value -> {
                document.put(rule, path, value);
                any[0] = true;
                return !constant;
            });
        });
        evaluation.query(rule.body(), env, emit);
        for (int i = 0; !any[0] && i < rule.elses().size(); i++) {
            Rule.Else branch = rule.elses().get(i);
            Rule alternative = new Rule(branch.position(), rule.kind(), rule.path(), rule.keys(), rule.element(), rule.args(),
                    branch.value() != null ? branch.value() : rule.value(), false, branch.body(), List.of());
            partialDefinition(alternative, document);
            any[0] = !document.isEmpty();
        }
    }

    /** Calls the function at {@code node}; null when no definition applies. */
    Value call(DocumentNode node, Value[] args, Position at) {
        List<Value> results = new ArrayList<>();
        RegoException firstError = null;
        for (RuleDefinition definition : node.functions()) {
            try {
                Value result = inScope(definition, () -> functionDefinition(definition.rule(), args, at));
                if (result != null) {
                    results.add(result);
                }
            } catch (RegoException e) {
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        if (firstError != null && (evaluation.state.strict() || results.isEmpty())) {
            throw firstError;
        }
        if (results.isEmpty()) {
            RuleDefinition fallback = node.defaultRule();
            return fallback == null ? null
                    : inScope(fallback, () -> evaluation.first(fallback.rule().value(), new Env(null)));
        }
        Value result = results.get(0);
        for (Value other : results) {
            if (!other.equals(result)) {
                throw at.error(args.length == 0 ? "eval_conflict_error: rules should not produce multiple outputs."
                        : "eval_conflict_error: functions must not produce multiple outputs for same inputs");
            }
        }
        return result;
    }

    private Value functionDefinition(Rule rule, Value[] args, Position at) {
        Env env = new Env(null);
        Value[] result = {null};
        bindArguments(rule.args(), args, 0, env, () -> {
            result[0] = functionBodies(rule, env, at);
            return false;
        });
        return result[0];
    }

    private boolean bindArguments(List<Expr> params, Value[] args, int i, Env env, Next k) {
        if (i == params.size()) {
            return k.run();
        }
        Unifier.declare(params.get(i), env);
        return evaluation.unifier().unify(params.get(i), args[i], env, () -> bindArguments(params, args, i + 1, env, k));
    }

    /** As {@link #completeDefinition}, in the environment binding the arguments, every solution compared. */
    private Value functionBodies(Rule rule, Env env, Position at) {
        Value value = outputs(rule.body(), rule.value(), env, false, at, FUNCTION_CONFLICT);
        for (int i = 0; value == null && i < rule.elses().size(); i++) {
            Rule.Else branch = rule.elses().get(i);
            value = outputs(branch.body(), branch.value(), env, false, at, FUNCTION_CONFLICT);
        }
        return value;
    }

    /** Evaluates part of {@code definition} in its module's scope, counting the nesting depth. */
    private <T> T inScope(RuleDefinition definition, java.util.function.Supplier<T> body) {
        ModuleScope previous = evaluation.scope;
        evaluation.scope = definition.scope();
        evaluation.state.enter(definition.rule().position());
        try {
            return body.get();
        } finally {
            evaluation.state.exit();
            evaluation.scope = previous;
        }
    }
}
