package io.github.coco4j.policy.input;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Set;

/**
 * The keys Kata's agent gives protobuf fields in the policy input: the .proto field name, except
 * that names which are Rust keywords get a trailing underscore ({@code type} → {@code type_}),
 * and a oneof appears under its own name with its set field as a variant named in CamelCase.
 */
final class FieldNames {
    private static final Set<String> RUST_KEYWORDS = Set.of("as", "break", "const", "continue", "crate", "else", "enum",
            "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
            "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
            "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
            "typeof", "unsized", "virtual", "yield", "try");

    private FieldNames() {
    }

    static String key(FieldDescriptor field) {
        String name = field.getName();
        return RUST_KEYWORDS.contains(name) ? name + "_" : name;
    }

    static String key(OneofDescriptor oneof) {
        return oneof.getName();
    }

    /** {@code errnoret} → {@code Errnoret}, {@code some_value} → {@code SomeValue}. */
    static String variant(FieldDescriptor field) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : field.getName().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** A oneof the .proto declared, as opposed to the one protoc makes for a proto3 {@code optional}. */
    static boolean isRealOneof(FieldDescriptor field) {
        OneofDescriptor oneof = field.getContainingOneof();
        return oneof != null && !oneof.isSynthetic();
    }
}
