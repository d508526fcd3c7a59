package io.github.coco4j.rego.builtins;

/**
 * A named builtin with its fixed number of arguments. A deprecated one is known to v0 modules
 * only: Rego v1 (and {@code import rego.v1}) removed it, as OPA does.
 */
public record BuiltinFunction(String name, int arity, Builtin body, boolean deprecated) {
}
