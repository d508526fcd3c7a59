package io.github.coco4j.cli;

import io.github.coco4j.logging.CliErrors;
import io.github.coco4j.logging.OneLineLogging;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

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

    private Cli() {
    }

    /** A command that words some of its failures itself. */
    public interface DescribesFailures {
        /** The line for {@code failure}, or null for the usual one. */
        String describe(Throwable failure);
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
            OneLineLogging.configure(System.getenv().getOrDefault(LOG_ENV, "info"));
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
        CommandLine line = new CommandLine(command).setOut(out).setErr(err);
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
