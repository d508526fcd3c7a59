package io.github.coco4j.cli;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** One option of a {@link DaemonOptions}: its names (short first), value label (null for a flag), default and setter. */
final class DaemonOption {
    final List<String> names;
    final String label;
    final String description;
    final String defaultValue;
    final boolean repeatable;
    final Consumer<String> setter;
    boolean given;

    DaemonOption(List<String> names, String label, String description, String defaultValue, boolean repeatable,
            Consumer<String> setter) {
        this.names = names;
        this.label = label;
        this.description = description;
        this.defaultValue = defaultValue;
        this.repeatable = repeatable;
        this.setter = setter;
    }

    boolean flag() {
        return label == null;
    }

    /** How errors name it: its longest name, as picocli does. */
    String longest() {
        return names.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
    }

    String shortest() {
        return names.get(0);
    }

    /** The name it sorts by, without dashes; "V" before "v0" as picocli sorts. */
    String sortKey() {
        return shortest().replaceFirst("^-+", "");
    }
}
