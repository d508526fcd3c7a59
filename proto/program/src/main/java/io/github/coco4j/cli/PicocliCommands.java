package io.github.coco4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The programs with subcommands and rich help, run by picocli; apart from {@link Cli} so that a
 * daemon, which parses its {@link DaemonOptions}, loads no picocli class.
 */
final class PicocliCommands {
    /**
     * picocli makes a converter for each java.time and java.sql type by reflection whenever it
     * builds a command (about 100 JDK classes loaded, and kept for as long as the program runs); no
     * option of ours has such a type. A value already set on the command line wins.
     */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

    private PicocliCommands() {
    }

    static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = commandLine(command, args).setOut(out).setErr(err);
        String name = line.getCommandName();
        line.setParameterExceptionHandler((e, parsed) -> Cli.usage(err, name, e.getMessage()));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> Cli.fail(err, name, command, e));
        try {
            return line.execute(args);
        } catch (Throwable escaped) { // picocli hands only Exceptions to the handler; an Error ends here
            return Cli.fail(err, name, command, escaped);
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
        if (command instanceof Cli.Subcommands tree) {
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
}
