package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.Value;

/**
 * The body of a builtin function. It returns the result, or null when the result is undefined,
 * and throws {@link BuiltinException} when the arguments are wrong (the evaluator turns that into
 * an undefined result unless builtin errors are strict).
 */
@FunctionalInterface
public interface Builtin {
    Value apply(BuiltinContext context, Value[] args);
}
