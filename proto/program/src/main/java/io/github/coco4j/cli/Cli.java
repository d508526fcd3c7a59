package io.github.coco4j.cli;

import io.github.coco4j.logging.CliErrors;
import io.github.coco4j.logging.OneLineLogging;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * How every program of the project starts: picocli over the command object, one line on stderr
 * for any failure (a wrong option, a missing file, even a StackOverflowError), and the exit status
 * {@link #USAGE} for a wrong command line, {@link #FAILURE} for a failed command, otherwise what
 * the command returns.
 */
public final class Cli {
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** The log level of commands that have no option for it: error, warn, info, debug or trace. */
    public static final String LOG_ENV = "COCO4J_LOG";
    /**
     * picocli makes a converter for each java.time and java.sql type by reflection whenever it
     * builds a command (about 100 JDK classes loaded, and kept by every daemon); no option of ours
     * has such a type. A value already set on the command line wins.
     */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

    private Cli() {
    }

    /** A command that words some of its failures itself. */
    public interface DescribesFailures {
        /** The line for {@code failure}, or null for the usual one. */
        String describe(Throwable failure);
    }

    /**
     * A command whose subcommands are listed here rather than in its {@code @Command}: picocli's
     * model of a command is built by reflection over its class and makes its object, which is most
     * of a program's start-up in the interpreter, so a command line gets the models it can reach.
     * picocli injects a {@code @ParentCommand} into such a subcommand, not into its mixins.
     */
    public interface Subcommands {
        /** The subcommand classes, in the order the usage help lists them. */
        List<Class<?>> subcommands();
    }

    /** Makes the command object; a command that prints its results gets the streams it is to use. */
    @FunctionalInterface
    public interface Factory {
        Object create(PrintStream out, PrintStream err);
    }

    /** Runs {@code command} on the process's stdout and stderr with one-line logging, then exits with its status. */
    public static void exit(String[] args, Object command) {
        exit(args, (out, err) -> command);
    }

    public static void exit(String[] args, Factory command) {
        int status;
        try {
            OneLineLogging.configureOnFirstUse(System.getenv().getOrDefault(LOG_ENV, "info"));
            status = run(command, System.out, System.err, args);
        } catch (IllegalArgumentException e) {
            System.err.println(LOG_ENV + ": " + e.getMessage());
            status = USAGE;
        }
        System.exit(status);
    }

    /** Runs the command writing to {@code out} and {@code err} (as UTF-8); returns its exit status. */
    public static int run(Factory command, OutputStream out, OutputStream err, String... args) {
        PrintStream printOut = utf8(out);
        PrintStream printErr = utf8(err);
        return run(command.create(printOut, printErr), new PrintWriter(printOut, true), new PrintWriter(printErr, true),
                args);
    }

    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = commandLine(command, args).setOut(out).setErr(err);
        String name = line.getCommandName();
        line.setParameterExceptionHandler((e, parsed) -> {
            err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> fail(err, name, command, e));
        try {
            return line.execute(args);
        } catch (Throwable escaped) { // picocli hands only Exceptions to the handler; an Error ends here
            return fail(err, name, command, escaped);
        }
    }

    /**
     * The command's model with the subcommands {@code args} can reach. picocli goes into the
     * subcommand a first argument names and never back, and nothing within a subcommand looks at
     * its siblings: that one alone parses, runs and fails the same. Any other command line (no
     * argument, usage help, a top-level option first, an unknown name to suggest others for) gets all.
     */
    static CommandLine commandLine(Object command, String... args) {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        CommandLine line = new CommandLine(command);
        if (command instanceof Subcommands tree) {
            List<Class<?>> all = tree.subcommands();
            Class<?> named = args.length == 0 ? null : named(all, args[0]);
            for (Class<?> subcommand : named == null ? all : List.of(named)) {
                line.addSubcommand(subcommand);
            }
        }
        return line;
    }

    /** The subcommand called {@code name} (or by it as an alias), or null. */
    private static Class<?> named(List<Class<?>> subcommands, String name) {
        for (Class<?> subcommand : subcommands) {
            Command annotation = subcommand.getAnnotation(Command.class);
            if (annotation.name().equals(name) || Arrays.asList(annotation.aliases()).contains(name)) {
                return subcommand;
            }
        }
        return null;
    }

    private static int fail(PrintWriter err, String name, Object command, Throwable failure) {
        err.println(name + ": " + describe(command, failure));
        return FAILURE;
    }

    /**
     * The command's own words for {@code failure} if it has them; else the message of a failure
     * the program expects (a checked exception, a wrong argument or state, an I/O error), the
     * exception's type and message otherwise: one line either way.
     */
    static String describe(Object command, Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException u ? u.getCause() : failure;
        String own = command instanceof DescribesFailures d ? d.describe(cause) : null;
        if (own != null) {
            return own;
        }
        boolean expected = !(cause instanceof RuntimeException || cause instanceof Error)
                || cause instanceof IllegalArgumentException || cause instanceof IllegalStateException;
        return expected ? CliErrors.describe(cause) : cause.toString().lines().findFirst().orElse("");
    }

    private static PrintStream utf8(OutputStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
}
