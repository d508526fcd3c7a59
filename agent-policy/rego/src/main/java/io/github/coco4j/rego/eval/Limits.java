package io.github.coco4j.rego.eval;

import java.time.Duration;

/**
 * Bounds on one evaluation: steps (literals tried), wall-clock time, and cells built, which bound
 * its memory: a cell is one element or entry of an array, set or object the evaluation builds
 * (comprehensions, literals, partial rules, builtin results) or 16 characters of a string a
 * builtin returns. Input, data and the policy's constants are not counted.
 */
public record Limits(long maxSteps, Duration maxTime, long maxCells) {
    public static final Limits DEFAULT = new Limits(50_000_000L, Duration.ofSeconds(10), 4_000_000L);
}
