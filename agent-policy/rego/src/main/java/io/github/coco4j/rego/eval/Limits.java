package io.github.coco4j.rego.eval;

import java.time.Duration;

/** Bounds on one evaluation: steps (literals tried) and wall-clock time. */
public record Limits(long maxSteps, Duration maxTime) {
    public static final Limits DEFAULT = new Limits(50_000_000L, Duration.ofSeconds(10));
}
