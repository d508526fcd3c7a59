package io.github.coco4j.rego;

import io.github.coco4j.rego.ast.Module;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.builtins.Builtins;
import io.github.coco4j.rego.compiler.CompiledPolicy;
import io.github.coco4j.rego.compiler.Compiler;
import io.github.coco4j.rego.eval.Evaluation;
import io.github.coco4j.rego.eval.Failure;
import io.github.coco4j.rego.eval.EvaluationState;
import io.github.coco4j.rego.eval.Limits;
import io.github.coco4j.rego.eval.QueryResult;
import io.github.coco4j.rego.lexer.Source;
import io.github.coco4j.rego.parser.Parser;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Rego engine: load modules, add data, set the input, then evaluate queries or rules and
 * collect what {@code print} printed. Modules are compiled once, on the first evaluation after
 * a change. Not thread-safe; use one engine per thread.
 */
public final class Engine {
    /** Bounds on a policy text, checked before parsing. */
    public static final int MAX_POLICY_BYTES = 16 << 20;
    public static final int MAX_POLICY_LINES = 200_000;
    public static final int MAX_LINE_BYTES = 64 << 10;

    private final Compiler compiler = new Compiler(Builtins.standard());
    private final List<Module> modules = new ArrayList<>();
    private CompiledPolicy compiled;
    private Value data = ObjectValue.EMPTY;
    private Value input;
    private boolean strict;
    private Limits limits = Limits.DEFAULT;
    private final List<String> prints = new ArrayList<>();
    private String lastOrigin;

    /** Adds a module in Rego v1 syntax. */
    public Engine addPolicy(String name, String text) {
        return addPolicy(name, text, true);
    }

    public Engine addPolicy(String name, String text, boolean regoV1) {
        checkSize(name, text);
        modules.add(bounded(name, () -> Parser.parseModule(new Source(name, text), regoV1)));
        compiled = null;
        return this;
    }

    /** Merges {@code document} (an object) into the data document; a conflicting value is an error. */
    public Engine addData(Value document) {
        if (!(document instanceof ObjectValue)) {
            throw new RegoException("data must be an object, not " + document.typeName());
        }
        data = DataMerge.merge(data, document, "data");
        return this;
    }

    /** Replaces the data document. */
    public Engine setData(Value document) {
        if (!(document instanceof ObjectValue)) {
            throw new RegoException("data must be an object, not " + document.typeName());
        }
        data = document;
        return this;
    }

    public Value data() {
        return data;
    }

    /** The input document, or null for none. */
    public Engine setInput(Value document) {
        input = document;
        return this;
    }

    /** Whether a failing builtin fails the evaluation (true) or just makes its expression undefined. */
    public Engine setStrictBuiltinErrors(boolean strictErrors) {
        strict = strictErrors;
        return this;
    }

    public Engine setLimits(Limits evaluationLimits) {
        limits = evaluationLimits;
        return this;
    }

    /** Compiles the modules now, so that errors surface before the first evaluation. */
    public CompiledPolicy compile() {
        if (compiled == null) {
            compiled = bounded("compiling", () -> compiler.compile(modules));
        }
        return compiled;
    }

    /** Evaluates a query (in the syntax the last module used, v1 when there is none). */
    public List<QueryResult> evalQuery(String text) {
        CompiledPolicy policy = compile();
        boolean regoV1 = modules.isEmpty() || modules.get(modules.size() - 1).regoV1();
        return bounded("<query.rego>", () -> {
            Query query = Parser.parseQuery(new Source("<query.rego>", text), regoV1);
            return evaluation(policy).run(compiler.compileQuery(policy, query, null));
        });
    }

    /** The value of {@code data.a.b…} (given as {@code "data.a.b"}), or null when undefined. */
    public Value evalRule(String path) {
        List<String> segments = Arrays.asList(path.split("\\."));
        if (segments.isEmpty() || !segments.get(0).equals("data")) {
            throw new RegoException("rule path must start with data: " + path);
        }
        Evaluation evaluation = evaluation(compile());
        return bounded(path, () -> {
            Value value = evaluation.document(segments.subList(1, segments.size()));
            lastOrigin = evaluation.origin(segments.subList(1, segments.size()));
            return value;
        });
    }

    /**
     * Evaluates {@code data.a.b…} as {@link #evalRule} does and says why bodies failed: for each
     * body that was tried without a solution, in the order they finished, its first failing
     * expression with the values involved.
     */
    public List<Failure> explain(String path) {
        List<String> segments = Arrays.asList(path.split("\\."));
        EvaluationState state = new EvaluationState(input, data, strict, limits, prints);
        state.explain();
        Evaluation evaluation = new Evaluation(compile(), state);
        bounded(path, () -> evaluation.document(segments.subList(1, segments.size())));
        return state.failures();
    }

    /**
     * After {@link #evalRule}: which definition gave the rule its value, e.g. "the default rule at
     * policy.rego:12"; null when the rule was undefined or is not a complete rule.
     */
    public String lastOrigin() {
        return lastOrigin;
    }

    /** The lines printed since the last call. */
    public List<String> takePrints() {
        List<String> taken = List.copyOf(prints);
        prints.clear();
        return taken;
    }

    private Evaluation evaluation(CompiledPolicy policy) {
        EvaluationState state = new EvaluationState(input, data, strict, limits, prints);
        return new Evaluation(policy, state);
    }

    /**
     * Runs a parse, compilation or evaluation so that nothing but a {@link RegoException} leaves
     * the engine: nesting deep enough to exhaust the Java stack becomes an error naming what ran,
     * and so does running out of memory, which the cell limit should prevent but the heap (shared
     * with the rest of the process) may still hit first.
     */
    static <T> T bounded(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (StackOverflowError e) {
            throw new RegoException(what + ": error: eval_depth_error: nesting too deep to evaluate (stack exhausted)");
        } catch (OutOfMemoryError e) {
            throw new RegoException(what + ": error: out of memory (heap exhausted)");
        }
    }

    private static void checkSize(String name, String text) {
        if (text.length() > MAX_POLICY_BYTES) {
            throw new RegoException(name + ": policy is larger than " + MAX_POLICY_BYTES + " bytes");
        }
        int lines = 1;
        int lineStart = 0;
        // indexOf rather than a loop over the characters: it is an intrinsic, fast even before
        // the JIT compiles this method, which runs once per policy.
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (i - lineStart > MAX_LINE_BYTES) {
                throw new RegoException(name + ":" + lines + ": line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            lines++;
            lineStart = i + 1;
        }
        if (lines > MAX_POLICY_LINES) {
            throw new RegoException(name + ": policy has more than " + MAX_POLICY_LINES + " lines");
        }
        if (text.length() - lineStart > MAX_LINE_BYTES) {
            throw new RegoException(name + ":" + lines + ": line is longer than " + MAX_LINE_BYTES + " bytes");
        }
    }
}
