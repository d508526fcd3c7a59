package io.github.coco4j.rego.eval;

/** The rest of a query, run once per solution so far; returns false to stop the enumeration. */
@FunctionalInterface
interface Next {
    boolean run();
}
