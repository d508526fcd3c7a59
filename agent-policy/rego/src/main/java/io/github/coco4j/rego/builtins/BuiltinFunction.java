package io.github.coco4j.rego.builtins;

/** A named builtin with its fixed number of arguments. */
public record BuiltinFunction(String name, int arity, Builtin body) {
}
