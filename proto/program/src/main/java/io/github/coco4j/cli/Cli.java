package io.github.coco4j.cli;

import io.github.coco4j.exit.OpenHttpClients;
import io.github.coco4j.logging.CliErrors;
import io.github.coco4j.logging.OneLineLogging;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;

/**
 * How every program of the project starts: picocli over the command object (a daemon's own
 * {@link DaemonOptions} instead), one line on stderr for any failure (a wrong option, a missing
 * file, even a StackOverflowError), and the exit status {@link #USAGE} for a wrong command line,
 * {@link #FAILURE} for a failed command, otherwise what the command returns.
 */
public final class Cli {
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** The log level of commands that have no option for it: error, warn, info, debug or trace. */
    public static final String LOG_ENV = "COCO4J_LOG";

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
        exit(() -> run(command, System.out, System.err, args));
    }

    /** Runs {@code daemon} on the process's stdout and stderr once {@code options} has parsed {@code args}, then exits. */
    public static void exit(String[] args, DaemonOptions options, Callable<Integer> daemon) {
        exit(() -> run(options, daemon, writer(System.out), writer(System.err), args));
    }

    private static void exit(IntSupplier program) {
        Runtime.getRuntime().addShutdownHook(new Thread(OpenHttpClients::stopAll, "stop-http-clients"));
        int status;
        try {
            OneLineLogging.configureOnFirstUse(System.getenv().getOrDefault(LOG_ENV, "info"));
            status = program.getAsInt();
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

    /** Runs a picocli command (a program with subcommands and rich help) writing to {@code out} and {@code err}. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        return PicocliCommands.run(command, out, err, args);
    }

    /** Parses the daemon's options, then runs it; returns its exit status as a command's. */
    public static int run(DaemonOptions options, Callable<Integer> daemon, PrintWriter out, PrintWriter err,
            String... args) {
        String name = options.name();
        try {
            if (!options.parse(out, args)) {
                return 0;
            }
        } catch (DaemonOptions.UsageException e) {
            return usage(err, name, e.getMessage());
        }
        try {
            return daemon.call();
        } catch (Throwable failure) { // an Error too: whatever ends a daemon is said in one line
            return fail(err, name, daemon, failure);
        }
    }

    /** A wrong command line: one line naming the help, and {@link #USAGE}. */
    static int usage(PrintWriter err, String name, String message) {
        err.println(name + ": " + message + " (see '" + name + " --help')");
        return USAGE;
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(utf8(stream), true);
    }

    static int fail(PrintWriter err, String name, Object command, Throwable failure) {
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
