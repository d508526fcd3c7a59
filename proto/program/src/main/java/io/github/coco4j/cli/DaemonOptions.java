package io.github.coco4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final String name;
    private final String description;
    private final List<DaemonOption> options = new ArrayList<>();
    private final Map<String, DaemonOption> byName = new LinkedHashMap<>();
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
        return add(new DaemonOption(split(names), label, description, defaultValue, false, setter));
    }

    /** An option that may be given again, each value set in turn; the default only when none is. */
    public DaemonOptions repeatable(String names, String label, String defaultValue, String description,
            Consumer<String> setter) {
        return add(new DaemonOption(split(names), label, description, defaultValue, true, setter));
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
        return add(new DaemonOption(split(names), null, description, null, false, text -> {
            if (text.equalsIgnoreCase("true")) {
                setter.run();
            } else if (!text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("'" + text + "' is not a boolean");
            }
        }));
    }

    /** Whether the command line gave the option called {@code name} (under any of its names). */
    public boolean given(String name) {
        DaemonOption option = byName.get(name);
        if (option == null) {
            throw new IllegalArgumentException("no option " + name);
        }
        return option.given;
    }

    private DaemonOptions add(DaemonOption option) {
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
        for (DaemonOption option : options) {
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
        DaemonOption option = byName.get(optionName);
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
            DaemonOption option = byName.get("-" + arg.charAt(at));
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
    private String value(DaemonOption option, String[] args, int i) throws UsageException {
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

    private int set(DaemonOption option, String value, int index) throws UsageException {
        set(option, value);
        return index;
    }

    private void set(DaemonOption option, String value) throws UsageException {
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
    private static String described(DaemonOption option) {
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
        return DaemonUsage.render(name, description, options);
    }
}
