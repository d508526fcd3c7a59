package io.github.coco4j.rego.builtins;

import java.util.HashMap;
import java.util.Map;

/** The table of standard builtins, assembled once from the families. */
public final class Builtins {
    private static final Builtins STANDARD = assemble();

    private final Map<String, BuiltinFunction> functions = new HashMap<>();

    private Builtins() {
    }

    public static Builtins standard() {
        return STANDARD;
    }

    /** The builtin of that name, or null. */
    public BuiltinFunction lookup(String name) {
        return functions.get(name);
    }

    void add(String name, int arity, Builtin body) {
        register(new BuiltinFunction(name, arity, body, false));
    }

    void addDeprecated(String name, int arity, Builtin body) {
        register(new BuiltinFunction(name, arity, body, true));
    }

    private void register(BuiltinFunction function) {
        String name = function.name();
        if (functions.putIfAbsent(name, function) != null) {
            throw new IllegalStateException("builtin " + name + " registered twice");
        }
    }

    private static Builtins assemble() {
        Builtins table = new Builtins();
        for (BuiltinFamily family : BuiltinFamily.ALL) {
            family.register(table);
        }
        return table;
    }
}
