package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.value.Value;

/** Receives each value an expression produces; returns false to stop the enumeration. */
@FunctionalInterface
interface ValueSink {
    boolean accept(Value value);
}
