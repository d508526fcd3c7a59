package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.builtins.BuiltinFunction;

/** What a call resolves to. */
public sealed interface Callee {
    /** The name as written after import aliases are applied, for {@code with} replacements. */
    String name();

    record Function(String name, DocumentNode node) implements Callee {
    }

    record Builtin(String name, BuiltinFunction function) implements Callee {
    }

    record Print(String name) implements Callee {
    }
}
