package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.compiler.DocumentNode;
import io.github.coco4j.rego.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The mutable side of an evaluation: input and data (which {@code with} may replace for a
 * while), computed rule values, replaced functions, prints, and the limits' counters.
 */
public final class EvaluationState {
    private static final int CLOCK_CHECK_EVERY = 4096;
    /**
     * How deeply rule and function evaluations may nest. Rego has no recursion, so real
     * policies stay far below; the bound keeps the Java stack safe from pathological nesting.
     */
    static final int MAX_DEPTH = 400;

    private Value input;
    private Value data;
    private final boolean strict;
    private final List<String> prints;
    private final long nowNanos;
    private final Map<Object, Object> cache = new HashMap<>();
    private final Limits limits;
    private final long deadline;
    private long steps;
    private long cells;
    private int depth;
    /** The bodies that failed, when explaining (null otherwise). */
    List<Failure> failures;
    Map<DocumentNode, Object> ruleValues = new HashMap<>();
    Map<DocumentNode, Value> ruleOverrides = Map.of();
    Map<String, Object> functionOverrides = Map.of();
    /**
     * Which definition gave each complete rule its value, for explanations: kept as the rule and
     * described only when asked, as most are never asked about.
     */
    final Map<DocumentNode, Rule> origins = new HashMap<>();

    public EvaluationState(Value input, Value data, boolean strict, Limits limits, List<String> prints) {
        this.prints = prints;
        this.input = input;
        this.data = data;
        this.strict = strict;
        this.limits = limits;
        this.nowNanos = System.currentTimeMillis() * 1_000_000L;
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
    }

    public Value input() {
        return input;
    }

    public Value data() {
        return data;
    }

    void replace(Value newInput, Value newData) {
        this.input = newInput;
        this.data = newData;
    }

    public boolean strict() {
        return strict;
    }

    public List<String> prints() {
        return prints;
    }

    long nowNanos() {
        return nowNanos;
    }

    Map<Object, Object> cache() {
        return cache;
    }

    void step() {
        if (++steps > limits.maxSteps()) {
            throw new RegoException("evaluation exceeded the limit of " + limits.maxSteps() + " steps");
        }
        if (steps % CLOCK_CHECK_EVERY == 0 && System.nanoTime() > deadline) {
            throw new RegoException("evaluation exceeded the time limit of " + limits.maxTime().toMillis() + " ms");
        }
    }

    /** Counts {@code count} cells built at {@code at}; fails past the limit (see {@link Limits}). */
    void built(long count, Position at) {
        cells += count;
        if (cells > limits.maxCells()) {
            String message = "evaluation exceeded the limit of " + limits.maxCells() + " cells built";
            throw at == null ? new RegoException(message) : at.error(message);
        }
    }

    /** Runs {@code body} with no function replaced by {@code with}, and rule values cached apart. */
    <T> T withoutFunctionOverrides(Supplier<T> body) {
        Map<String, Object> savedOverrides = functionOverrides;
        Map<DocumentNode, Object> savedValues = ruleValues;
        functionOverrides = Map.of();
        ruleValues = new HashMap<>();
        try {
            return body.get();
        } finally {
            functionOverrides = savedOverrides;
            ruleValues = savedValues;
        }
    }

    /** Enters a rule or function evaluation at {@code at}; fails past {@link #MAX_DEPTH}. */
    void enter(Position at) {
        if (depth == MAX_DEPTH) {
            throw at.error("eval_depth_error: rule and function evaluations nested deeper than " + MAX_DEPTH);
        }
        depth++;
    }

    void exit() {
        depth--;
    }

    /** Records failures from now on, for {@link io.github.coco4j.rego.Engine#explain}. */
    public void explain() {
        failures = new java.util.ArrayList<>();
    }

    public List<Failure> failures() {
        return failures == null ? List.of() : failures;
    }

    void failed(Failure failure) {
        failures.add(failure);
    }
}
