package io.github.coco4j.rego.builtins;

import java.util.Map;

/** What a builtin may see of the evaluation it runs in. */
public interface BuiltinContext {
    /** Whether builtin errors fail the evaluation; some builtins return undefined instead of failing otherwise. */
    boolean strict();

    /** The evaluation's clock: constant for the whole evaluation, as {@code time.now_ns} requires. */
    long nowNanos();

    /** State kept for the length of one evaluation (random UUIDs per key, for instance). */
    Map<Object, Object> evaluationCache();
}
