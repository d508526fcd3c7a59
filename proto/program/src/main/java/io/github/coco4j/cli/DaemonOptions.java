package io.github.coco4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A daemon's flat list of options, declared in code: parsed once at start with the syntax and the
 * error messages of picocli, which the programs with subcommands use, but without its reflective
 * model (a daemon keeps every class it loads for as long as it runs). {@code -h, --help} and
 * {@code -V, --version} come with it.
 */
public final class DaemonOptions {
    /** Stands in a description for the option's default, as in picocli's descriptions. */
    public static final String DEFAULT = "${DEFAULT-VALUE}";
    private static final int WIDTH = 80;
    /** The widest names that still leave the description on their line (picocli's long-option column). */
    private static final int NAMES_COLUMN = 20;

    private final String name;
    private final String description;
    private final List<Option> options = new ArrayList<>();
    private final Map<String, Option> byName = new LinkedHashMap<>();
    private Supplier<String> version = DaemonOptions::implementationVersion;
    private boolean help;
    private boolean versionAsked;

    public DaemonOptions(String name, String description) {
        this.name = name;
        this.description = description;
        flag("-h, --help", "Show this help message and exit.", () -> help = true);
        flag("-V, --version", "Print version information and exit.", () -> versionAsked = true);
    }

    /** A wrong command line, in picocli's words. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final class Option {
        final List<String> names;
        final String label;
        final String description;
        final String defaultValue;
        final boolean repeatable;
        final Consumer<String> setter;
        boolean given;

        Option(List<String> names, String label, String description, String defaultValue, boolean repeatable,
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

    /** The program's name, as its messages start. */
    public String name() {
        return name;
    }

    /** What {@code --version} prints instead of the jar's Implementation-Version. */
    public DaemonOptions version(Supplier<String> line) {
        this.version = line;
        return this;
    }

    /**
     * An option taking one value; {@code names} as the help lists them ({@code "-b, --bind"}),
     * {@code defaultValue} (or null) is set when the option is not given.
     */
    public DaemonOptions value(String names, String label, String defaultValue, String description,
            Consumer<String> setter) {
        return add(new Option(split(names), label, description, defaultValue, false, setter));
    }

    /** An option that may be given again, each value set in turn; the default only when none is. */
    public DaemonOptions repeatable(String names, String label, String defaultValue, String description,
            Consumer<String> setter) {
        return add(new Option(split(names), label, description, defaultValue, true, setter));
    }

    /** An option whose value is a long. */
    public DaemonOptions longValue(String names, String label, String defaultValue, String description,
            LongConsumer setter) {
        return value(names, label, defaultValue, description, text -> setter.accept(number(text, "a long")));
    }

    /** An option whose value is an int. */
    public DaemonOptions intValue(String names, String label, String defaultValue, String description,
            IntConsumer setter) {
        return value(names, label, defaultValue, description, text -> {
            long number = number(text, "an int");
            if (number != (int) number) {
                throw new IllegalArgumentException("'" + text + "' is not an int");
            }
            setter.accept((int) number);
        });
    }

    /** An option without a value; {@code --name=true} and {@code --name=false} also do as picocli's. */
    public DaemonOptions flag(String names, String description, Runnable setter) {
        return add(new Option(split(names), null, description, null, false, text -> {
            if (text.equalsIgnoreCase("true")) {
                setter.run();
            } else if (!text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("'" + text + "' is not a boolean");
            }
        }));
    }

    /** Whether the command line gave the option called {@code name} (under any of its names). */
    public boolean given(String name) {
        Option option = byName.get(name);
        if (option == null) {
            throw new IllegalArgumentException("no option " + name);
        }
        return option.given;
    }

    private DaemonOptions add(Option option) {
        for (String each : option.names) {
            if (byName.putIfAbsent(each, option) != null) {
                throw new IllegalStateException(name + ": option " + each + " declared twice");
            }
        }
        options.add(option);
        return this;
    }

    private static List<String> split(String names) {
        List<String> list = new ArrayList<>(List.of(names.split(",\\s*")));
        list.sort(Comparator.comparingInt(String::length));
        return list;
    }

    private static long number(String text, String type) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + type);
        }
    }

    /**
     * Sets every option given, then the defaults of those not given; true when the daemon is to
     * run, false when help or the version was asked for (and printed to {@code out}).
     */
    public boolean parse(PrintWriter out, String... args) throws UsageException {
        List<Integer> unmatched = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                i = parseLong(args, i);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = parseShort(args, i);
            } else {
                unmatched.add(i);
            }
        }
        if (help) {
            out.print(usage());
            out.flush();
            return false;
        }
        if (versionAsked) {
            String line = version.get();
            if (line != null) {
                out.println(line);
            }
            out.flush();
            return false;
        }
        if (!unmatched.isEmpty()) {
            throw new UsageException(unmatched(args, unmatched));
        }
        for (Option option : options) {
            if (!option.given && option.defaultValue != null) {
                option.setter.accept(option.defaultValue);
            }
        }
        return true;
    }

    /** {@code --name}, {@code --name value} or {@code --name=value}; returns the last index used. */
    private int parseLong(String[] args, int i) throws UsageException {
        int equals = args[i].indexOf('=');
        String optionName = equals < 0 ? args[i] : args[i].substring(0, equals);
        Option option = byName.get(optionName);
        if (option == null) {
            throw new UsageException("Unknown option: '" + args[i] + "'");
        }
        if (equals >= 0) {
            set(option, args[i].substring(equals + 1));
            return i;
        }
        return option.flag() ? set(option, "true", i) : set(option, value(option, args, i + 1), i + 1);
    }

    /** A cluster of short names ({@code -hV}), the last of which may take a value ({@code -bvalue}, {@code -b=value}). */
    private int parseShort(String[] args, int i) throws UsageException {
        String arg = args[i];
        for (int at = 1; at < arg.length(); at++) {
            Option option = byName.get("-" + arg.charAt(at));
            if (option == null) {
                throw new UsageException("Unknown option: '" + (at == 1 ? arg : "-" + arg.substring(at)) + "'");
            }
            String rest = arg.substring(at + 1);
            if (option.flag() && !rest.startsWith("=")) {
                set(option, "true");
                continue;
            }
            if (!rest.isEmpty()) {
                set(option, rest.startsWith("=") ? rest.substring(1) : rest);
                return i;
            }
            return set(option, value(option, args, i + 1), i + 1);
        }
        return i;
    }

    /** The argument at {@code i} as the option's value: there must be one, and not an option. */
    private String value(Option option, String[] args, int i) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("Missing required parameter for " + described(option));
        }
        if (isOption(args[i])) {
            throw new UsageException("Expected parameter for option '" + option.longest() + "' but found '"
                    + args[i] + "'");
        }
        return args[i];
    }

    /** Whether picocli would take {@code arg} for an option rather than a value. */
    private boolean isOption(String arg) {
        int equals = arg.indexOf('=');
        return byName.containsKey(equals < 0 ? arg : arg.substring(0, equals))
                || arg.length() > 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-'
                && byName.containsKey(arg.substring(0, 2));
    }

    private int set(Option option, String value, int index) throws UsageException {
        set(option, value);
        return index;
    }

    private void set(Option option, String value) throws UsageException {
        if (option.given && !option.repeatable) {
            throw new UsageException(described(option) + " should be specified only once");
        }
        option.given = true;
        try {
            option.setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + option.longest() + "': " + e.getMessage());
        }
    }

    /** {@code option '--bind' (IP:PORT)}, as picocli names an option in its messages. */
    private static String described(Option option) {
        return "option '" + option.longest() + "'" + (option.flag() ? "" : " (" + option.label + ")");
    }

    private static String unmatched(String[] args, List<Integer> indexes) {
        if (indexes.size() == 1) {
            return "Unmatched argument at index " + indexes.get(0) + ": '" + args[indexes.get(0)] + "'";
        }
        List<String> quoted = new ArrayList<>();
        for (int index : indexes) {
            quoted.add("'" + args[index] + "'");
        }
        return "Unmatched arguments from index " + indexes.get(0) + ": " + String.join(", ", quoted);
    }

    /** The jar's Implementation-Version, or nothing, as picocli prints for a command without a version. */
    private static String implementationVersion() {
        return DaemonOptions.class.getPackage().getImplementationVersion();
    }

    /** picocli's usage layout: the synopsis, the description, then each option with its wrapped description. */
    public String usage() {
        List<Option> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparing((Option o) -> o.sortKey().toLowerCase(Locale.ROOT)).thenComparing(Option::sortKey));
        StringBuilder text = new StringBuilder();
        String lead = "Usage: " + name + " ";
        wrap(text, lead + String.join(" ", synopsis(sorted)), 0, " ".repeat(lead.length()));
        wrap(text, description, 0, "");
        int column = 6 + sorted.stream().mapToInt(o -> longNames(o).length())
                .filter(length -> length <= NAMES_COLUMN).max().orElse(0) + 3;
        for (Option option : sorted) {
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

    private String describe(Option option) {
        return option.description.replace(DEFAULT, String.valueOf(option.defaultValue));
    }

    /** {@code [-hV]}, then the other flags, the options with a value, and the repeatable ones last. */
    private static List<String> synopsis(List<Option> sorted) {
        List<String> items = new ArrayList<>();
        StringBuilder shortFlags = new StringBuilder();
        for (Option option : sorted) {
            if (option.flag() && shortName(option) != null) {
                shortFlags.append(shortName(option).substring(1));
            }
        }
        if (shortFlags.length() > 0) {
            items.add("[-" + shortFlags + "]");
        }
        for (Option option : sorted) {
            if (option.flag() && shortName(option) == null) {
                items.add("[" + option.shortest() + "]");
            }
        }
        for (Option option : sorted) {
            if (!option.flag() && !option.repeatable) {
                items.add("[" + option.shortest() + "=" + option.label + "]");
            }
        }
        for (Option option : sorted) {
            if (option.repeatable) {
                items.add("[" + option.shortest() + "=" + option.label + "]...");
            }
        }
        return items;
    }

    private static String shortName(Option option) {
        String first = option.names.get(0);
        return first.startsWith("--") ? null : first;
    }

    private static String longNames(Option option) {
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
            int cut = rest.lastIndexOf(' ', WIDTH);
            if (cut <= Math.max(from, indent.length())) {
                cut = WIDTH; // a word longer than the column is cut where the line ends
                text.append(rest, 0, cut).append('\n');
                rest = indent + rest.substring(cut);
            } else {
                text.append(rest, 0, cut).append('\n');
                rest = indent + rest.substring(cut + 1);
            }
            from = indent.length();
        }
        text.append(rest).append('\n');
    }
}
