package io.github.coco4j.rego.builtins;

import java.util.List;

/** A group of related builtins (strings, numbers, …), each family in its own class. */
interface BuiltinFamily {
    List<BuiltinFamily> ALL = List.of();

    void register(Builtins table);
}
