package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.builtins.BuiltinContext;
import io.github.coco4j.rego.compiler.CompiledPolicy;
import io.github.coco4j.rego.compiler.CompiledQuery;
import io.github.coco4j.rego.compiler.DocumentNode;
import io.github.coco4j.rego.compiler.ModuleScope;
import io.github.coco4j.rego.compiler.RefChain;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One evaluation: queries and rule bodies run by backtracking, each literal handing every
 * solution to the rest of the body ({@link Next}) and each expression every value it has
 * ({@link ValueSink}). Rule values are computed on first use and kept for the evaluation.
 */
public final class Evaluation implements BuiltinContext {
    final CompiledPolicy policy;
    final EvaluationState state;
    final RuleEvaluator rules;
    final Calls calls;
    private final Unifier unifier;
    private CompiledQuery query;
    ModuleScope scope;

    public Evaluation(CompiledPolicy policy, EvaluationState state) {
        this.policy = policy;
        this.state = state;
        this.rules = new RuleEvaluator(this);
        this.calls = new Calls(this);
        this.unifier = new Unifier(this);
    }

    // ---- entry points

    /** Runs a compiled query and returns its results. */
    public List<QueryResult> run(CompiledQuery compiled) {
        this.query = compiled;
        this.scope = compiled.scope();
        List<QueryResult> results = new ArrayList<>();
        List<Literal> literals = compiled.query().literals();
        Env env = new Env(null);
        Value[] values = new Value[literals.size()];
        topLevel(literals, 0, env, values, () -> {
            results.add(new QueryResult(List.of(values.clone()), bindings(env)));
            return true;
        });
        return results;
    }

    /** The value of the document at {@code data.<path>}, or null when undefined. */
    public Value document(List<String> path) {
        Value[] found = {null};
        List<Expr> indices = new ArrayList<>(path.size());
        for (String segment : path) {
            indices.add(new Expr.Scalar(null, StringValue.of(segment)));
        }
        document(policy.root(), state.data(), indices, 0, new Env(null), v -> {
            found[0] = v;
            return false;
        });
        return found[0];
    }

    /** Which definition decided the complete rule at {@code data.<path>}, if it was evaluated. */
    public String origin(List<String> path) {
        DocumentNode node = policy.node(path);
        Rule rule = node == null ? null : state.origins.get(node);
        if (rule == null) {
            return null;
        }
        String where = rule.position().source().name() + ":" + rule.position().line();
        return (rule.isDefault() ? "the default rule at " : "the rule at ") + where;
    }

    /**
     * A single plain expression reports each of its values, false included; otherwise each
     * literal's value is recorded (true for those that are not plain expressions).
     */
    private boolean topLevel(List<Literal> literals, int i, Env env, Value[] values, Next k) {
        if (i == literals.size()) {
            return k.run();
        }
        Literal literal = literals.get(i);
        if (literal instanceof Literal.ExprLiteral e && !e.negated() && e.withs().isEmpty()
                && !(e.expr() instanceof Expr.Assign) && !calls.isOutputCall(e.expr())) {
            boolean single = literals.size() == 1;
            return eval(e.expr(), env, v -> {
                if (!single && v == BoolValue.FALSE) {
                    return true;
                }
                values[i] = v;
                return topLevel(literals, i + 1, env, values, k);
            });
        }
        return literal(literal, env, () -> {
            values[i] = BoolValue.TRUE;
            return topLevel(literals, i + 1, env, values, k);
        });
    }

    private static ObjectValue bindings(Env env) {
        ObjectValue.Builder out = ObjectValue.builder();
        for (Map.Entry<String, Value> e : env.ownBindings().entrySet()) {
            if (!e.getKey().startsWith("_")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out.build();
    }

    // ---- queries and literals

    boolean query(Query body, Env env, Next k) {
        if (state.failures == null || body.literals().isEmpty()) {
            return literals(body.literals(), 0, env, k);
        }
        FailureTrace trace = new FailureTrace();
        boolean[] solved = {false};
        boolean more = traced(body.literals(), 0, env, trace, () -> {
            solved[0] = true;
            return k.run();
        });
        if (!solved[0]) {
            state.failed(trace.failure());
        }
        return more;
    }

    /** As {@link #literals}, noting how far the body got, for explanations. */
    private boolean traced(List<Literal> literals, int i, Env env, FailureTrace trace, Next k) {
        if (i == literals.size()) {
            return k.run();
        }
        trace.reached(i, literals.get(i), env);
        state.step();
        return literal(literals.get(i), env, () -> traced(literals, i + 1, env, trace, k));
    }

    private boolean literals(List<Literal> literals, int i, Env env, Next k) {
        if (i == literals.size()) {
            return k.run();
        }
        state.step();
        return literal(literals.get(i), env, () -> literals(literals, i + 1, env, k));
    }

    boolean literal(Literal literal, Env env, Next k) {
        if (literal instanceof Literal.ExprLiteral e) {
            if (!e.withs().isEmpty()) {
                return new WithModifiers(this).apply(e.withs(), env,
                        inner -> plainLiteral(e, env, inner), k);
            }
            return plainLiteral(e, env, k);
        }
        if (literal instanceof Literal.SomeDecl s) {
            for (Expr.Var v : s.vars()) {
                env.declare(v.name());
            }
            return k.run();
        }
        if (literal instanceof Literal.SomeIn s) {
            if (!s.withs().isEmpty()) {
                return new WithModifiers(this).apply(s.withs(), env, inner -> someIn(s, env, inner), k);
            }
            return someIn(s, env, k);
        }
        Literal.Every every = (Literal.Every) literal;
        if (!every.withs().isEmpty()) {
            return new WithModifiers(this).apply(every.withs(), env, inner -> every(every, env, inner), k);
        }
        return every(every, env, k);
    }

    private boolean plainLiteral(Literal.ExprLiteral e, Env env, Next k) {
        if (e.negated()) {
            boolean[] found = {false};
            expression(e.expr(), env, () -> {
                found[0] = true;
                return false;
            });
            return found[0] || k.run();
        }
        return expression(e.expr(), env, k);
    }

    /** An expression used as a statement: it holds for each value that is not {@code false}. */
    private boolean expression(Expr expr, Env env, Next k) {
        if (expr instanceof Expr.Assign a) {
            if (a.declare()) {
                Unifier.declare(a.left(), env);
            }
            return unifier().unify(a.left(), a.right(), env, k);
        }
        if (expr instanceof Expr.Call call && calls.isOutputCall(call)) {
            return calls.callWithOutput(call, env, k);
        }
        return eval(expr, env, v -> v == BoolValue.FALSE || k.run());
    }

    private boolean someIn(Literal.SomeIn s, Env env, Next k) {
        if (s.key() != null) {
            Unifier.declare(s.key(), env);
        }
        Unifier.declare(s.value(), env);
        Unifier unifier = unifier();
        return eval(s.collection(), env, collection -> {
            if (!Containers.isCollection(collection)) {
                throw s.position().error("`some .. in collection` expects array/set/object. Got `" + collection + "`");
            }
            return someEntries(s, collection, env, unifier, k);
        });
    }

    private boolean someEntries(Literal.SomeIn s, Value collection, Env env, Unifier unifier, Next k) {
        return Containers.forEach(collection, (key, value) -> {
            if (s.key() == null) {
                return unifier.unify(s.value(), value, env, k);
            }
            return unifier.unify(s.key(), key, env, () -> unifier.unify(s.value(), value, env, k));
        });
    }

    private boolean every(Literal.Every every, Env env, Next k) {
        return eval(every.domain(), env,
                domain -> !Containers.isCollection(domain) || !allSatisfy(every, domain, env) || k.run());
    }

    private boolean allSatisfy(Literal.Every every, Value domain, Env env) {
        return Containers.forEach(domain, (key, value) -> {
            Env inner = new Env(env);
            if (every.key() != null) {
                inner.declare(every.key().name());
                inner.bind(every.key().name(), key);
            }
            inner.declare(every.value().name());
            inner.bind(every.value().name(), value);
            boolean[] satisfied = {false};
            query(every.body(), inner, () -> {
                satisfied[0] = true;
                return false;
            });
            return satisfied[0];
        });
    }

    Unifier unifier() {
        return unifier;
    }

    // ---- expressions

    boolean eval(Expr expr, Env env, ValueSink k) {
        if (expr instanceof Expr.Scalar s) {
            return k.accept(s.value());
        }
        if (expr instanceof Expr.Var v) {
            return var(v, env, k);
        }
        if (expr instanceof Expr.Ref r) {
            RefChain chain = ref(r);
            return chain(chain.head(), chain.indices(), env, k);
        }
        if (expr instanceof Expr.Call c) {
            return calls.call(c, env, k);
        }
        if (expr instanceof Expr.Binary b) {
            return binary(b, env, k);
        }
        return Composites.eval(this, expr, env, k);
    }

    /**
     * An operation on two operands. As in OPA, which evaluates the references among an
     * expression's operands before the rest, a reference on the right goes first when the left
     * is no reference, so that a variable it binds may stand on the left ({@code x == xs[x]}).
     */
    private boolean binary(Expr.Binary b, Env env, ValueSink k) {
        if (b.right() instanceof Expr.Ref && !(b.left() instanceof Expr.Ref)) {
            return eval(b.right(), env, r -> eval(b.left(), env, l -> operate(b, l, r, k)));
        }
        return eval(b.left(), env, l -> eval(b.right(), env, r -> operate(b, l, r, k)));
    }

    private boolean operate(Expr.Binary b, Value left, Value right, ValueSink k) {
        Value v;
        try {
            v = Operators.apply(b.operator(), left, right, state.strict());
        } catch (RegoException e) {
            throw error(b.position(), e);
        }
        return v == null || k.accept(v);
    }

    RegoException error(Position at, RegoException cause) {
        if (at == null || cause.getMessage().contains(": error: ")) {
            return cause;
        }
        return at.error(cause.getMessage());
    }

    private boolean var(Expr.Var v, Env env, ValueSink k) {
        Value bound = env.lookup(v.name());
        if (bound != null) {
            return k.accept(bound);
        }
        return unbound(v, List.of(), env, k);
    }

    RefChain ref(Expr.Ref r) {
        RefChain chain = policy.ref(r);
        if (chain == null && query != null) {
            chain = query.refs().get(r);
        }
        return chain != null ? chain : RefChain.of(r);
    }

    /** {@code head[i0][i1]…}: a local, {@code input}, {@code data}, an import or a rule of the package. */
    boolean chain(Expr head, List<Expr> indices, Env env, ValueSink k) {
        if (!(head instanceof Expr.Var v)) {
            return eval(head, env, value -> index(value, indices, 0, env, k));
        }
        Value bound = env.lookup(v.name());
        if (bound != null) {
            return index(bound, indices, 0, env, k);
        }
        return unbound(v, indices, env, k);
    }

    /** {@code v[i0][i1]…} for a variable not bound in the body: a global, or else an error. */
    private boolean unbound(Expr.Var v, List<Expr> indices, Env env, ValueSink k) {
        String name = v.name();
        if (!v.isWildcard() && !env.isLocal(name)) {
            if (name.equals("input")) {
                return state.input() == null || index(state.input(), indices, 0, env, k);
            }
            if (name.equals("data")) {
                return document(policy.root(), state.data(), indices, 0, env, k);
            }
            DocumentNode node = scope.rule(name);
            if (node != null) {
                return document(node, baseData(node), indices, 0, env, k);
            }
            List<String> imported = scope.imports().get(name);
            if (imported != null) {
                List<Expr> full = new ArrayList<>();
                for (String segment : imported.subList(1, imported.size())) {
                    full.add(new Expr.Scalar(v.position(), StringValue.of(segment)));
                }
                full.addAll(indices);
                return chain(new Expr.Var(v.position(), imported.get(0)), full, env, k);
            }
        }
        throw v.position().error("rego_unsafe_var_error: var " + name + " is unsafe");
    }

    /** Whether {@code name} refers to something outside the body when unbound there. */
    boolean isGlobal(String name, Env env) {
        // Locals first: most variables asked about are declared ones (arguments, :=, some).
        return !env.isLocal(name) && scope.isGlobalName(name);
    }

    private Value baseData(DocumentNode node) {
        Value at = state.data();
        for (String segment : node.path()) {
            at = Containers.get(at, StringValue.of(segment));
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** Indexes into the data document at {@code node}, where rules and base data meet. */
    boolean document(DocumentNode node, Value base, List<Expr> indices, int i, Env env, ValueSink k) {
        if (node == null) {
            return base == null || baseIndex(base, indices, i, env, k);
        }
        if (base != null && (node.definesValue() || node.definesFunction())) {
            return index(base, indices, i, env, k);
        }
        if (node.definesValue()) {
            Value value = rules.value(node);
            return value == null || index(value, indices, i, env, k);
        }
        if (node.definesFunction() && !node.functions().isEmpty() && node.functions().get(0).rule().args().isEmpty()) {
            Value value = rules.call(node, new Value[0], node.functions().get(0).rule().position());
            return value == null || index(value, indices, i, env, k);
        }
        Value replaced = rules.replacement(node);
        if (replaced != null) {
            return index(replaced, indices, i, env, k);
        }
        if (i == indices.size()) {
            return k.accept(rules.virtualDocument(node, base));
        }
        Expr segment = indices.get(i);
        if (unifier().hasUnbound(segment, env)) {
            return index(rules.virtualDocument(node, base), indices, i, env, k);
        }
        return eval(segment, env, rawKey -> {
            // Data paths are strings: data[1] means data["1"].
            Value key = rawKey instanceof NumberValue n ? StringValue.of(n.text()) : rawKey;
            Value childBase = base == null ? null : Containers.get(base, key);
            DocumentNode child = key instanceof StringValue s ? node.child(s.value()) : null;
            return document(child, childBase, indices, i + 1, env, k);
        });
    }

    /**
     * Indexes into base data below the rules. Its paths are strings, as at the rules' level: a
     * number indexing an object means its text (data.a[2] is data.a["2"]), an array its position.
     * A value taken out of data is indexed as any value (obj := data.a; obj[2] is undefined).
     */
    private boolean baseIndex(Value base, List<Expr> indices, int i, Env env, ValueSink k) {
        if (i == indices.size() || unifier().hasUnbound(indices.get(i), env)) {
            return index(base, indices, i, env, k);
        }
        return eval(indices.get(i), env, key -> {
            Value child = Containers.get(base, base instanceof ObjectValue && key instanceof NumberValue n ? StringValue.of(n.text()) : key);
            return child == null || baseIndex(child, indices, i + 1, env, k);
        });
    }

    /** {@code value[indices[i]]…}; an unbound index iterates, binding its variables. */
    boolean index(Value value, List<Expr> indices, int i, Env env, ValueSink k) {
        if (i == indices.size()) {
            return k.accept(value);
        }
        Expr segment = indices.get(i);
        if (segment instanceof Expr.Scalar s) {
            Value next = Containers.get(value, s.value());
            return next == null || index(next, indices, i + 1, env, k);
        }
        Unifier unifier = unifier();
        if (unifier.hasUnbound(segment, env)) {
            return Containers.forEach(value, (key, element) ->
                    unifier.unify(segment, key, env, () -> index(element, indices, i + 1, env, k)));
        }
        return eval(segment, env, key -> {
            Value next = Containers.get(value, key);
            return next == null || index(next, indices, i + 1, env, k);
        });
    }

    /** The first value of {@code expr}, or null when it is undefined. */
    Value first(Expr expr, Env env) {
        Value[] found = {null};
        eval(expr, env, v -> {
            found[0] = v;
            return false;
        });
        return found[0];
    }

    CompiledQuery currentQuery() {
        return query;
    }

    // ---- BuiltinContext

    @Override
    public boolean strict() {
        return state.strict();
    }

    @Override
    public long nowNanos() {
        return state.nowNanos();
    }

    @Override
    public Map<Object, Object> evaluationCache() {
        return state.cache();
    }
}
