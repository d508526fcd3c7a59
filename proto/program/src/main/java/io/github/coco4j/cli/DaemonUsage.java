package io.github.coco4j.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A {@link DaemonOptions}' help, laid out as picocli lays out a command's usage. */
final class DaemonUsage {
    private static final int WIDTH = 80;
    /** The widest names that still leave the description on their line (picocli's long-option column). */
    private static final int NAMES_COLUMN = 20;

    private DaemonUsage() {
    }

    /** picocli's usage layout: the synopsis, the description, then each option with its wrapped description. */
    static String render(String name, String description, List<DaemonOption> options) {
        List<DaemonOption> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparing((DaemonOption o) -> o.sortKey().toLowerCase(Locale.ROOT)).thenComparing(DaemonOption::sortKey));
        StringBuilder text = new StringBuilder();
        String lead = "Usage: " + name + " ";
        wrap(text, lead + String.join(" ", synopsis(sorted)), 0, " ".repeat(lead.length()));
        wrap(text, description, 0, "");
        int column = 6 + sorted.stream().mapToInt(o -> longNames(o).length())
                .filter(length -> length <= NAMES_COLUMN).max().orElse(0) + 3;
        for (DaemonOption option : sorted) {
            String names = (shortName(option) == null ? "      " : "  " + shortName(option)
                    + (longNames(option).isEmpty() ? "  " : ", ")) + longNames(option);
            String first = names.length() + 2 <= column ? names + " ".repeat(column - names.length()) : "";
            if (first.isEmpty()) {
                text.append(names).append('\n');
            }
            wrap(text, (first.isEmpty() ? " ".repeat(column) : first) + describe(option), column, " ".repeat(column + 2));
        }
        return text.toString();
    }

    private static String describe(DaemonOption option) {
        return option.description.replace(DaemonOptions.DEFAULT, String.valueOf(option.defaultValue));
    }

    /** {@code [-hV]}, then the other flags, the options with a value, and the repeatable ones last. */
    private static List<String> synopsis(List<DaemonOption> sorted) {
        List<String> items = new ArrayList<>();
        StringBuilder shortFlags = new StringBuilder();
        for (DaemonOption option : sorted) {
            if (option.flag() && shortName(option) != null) {
                shortFlags.append(shortName(option).substring(1));
            }
        }
        if (shortFlags.length() > 0) {
            items.add("[-" + shortFlags + "]");
        }
        for (DaemonOption option : sorted) {
            if (option.flag() && shortName(option) == null) {
                items.add("[" + option.shortest() + "]");
            }
        }
        for (DaemonOption option : sorted) {
            if (!option.flag() && !option.repeatable) {
                items.add("[" + option.shortest() + "=" + option.label + "]");
            }
        }
        for (DaemonOption option : sorted) {
            if (option.repeatable) {
                items.add("[" + option.shortest() + "=" + option.label + "]...");
            }
        }
        return items;
    }

    private static String shortName(DaemonOption option) {
        String first = option.names.get(0);
        return first.startsWith("--") ? null : first;
    }

    private static String longNames(DaemonOption option) {
        List<String> longs = option.names.stream().filter(n -> n.startsWith("--")).toList();
        return String.join(", ", longs) + (option.flag() || longs.isEmpty() ? "" : "=" + option.label);
    }

    /**
     * Appends {@code line} broken at spaces so that no line passes {@link #WIDTH}; each line after
     * the first starts with {@code indent}. Text before {@code keep} is never broken.
     */
    private static void wrap(StringBuilder text, String line, int keep, String indent) {
        String rest = line;
        int from = keep;
        while (rest.length() > WIDTH) {
            int space = rest.lastIndexOf(' ', WIDTH);
            // A word longer than the column is cut where the line ends; a space a line ends at is dropped.
            boolean atSpace = space > Math.max(from, indent.length());
            int cut = atSpace ? space : WIDTH;
            text.append(rest, 0, cut).append('\n');
            rest = indent + rest.substring(atSpace ? cut + 1 : cut);
            from = indent.length();
        }
        text.append(rest).append('\n');
    }
}
