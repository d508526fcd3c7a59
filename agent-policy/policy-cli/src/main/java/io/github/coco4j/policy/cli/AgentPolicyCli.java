package io.github.coco4j.policy.cli;

import io.github.coco4j.logging.CliErrors;
import io.github.coco4j.rego.RegoException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agent-policy} command: evaluate, replay and benchmark Kata agent policies. */
@Command(name = "agent-policy", mixinStandardHelpOptions = true, version = "agent-policy 0.1.0",
        description = "Evaluate Rego agent policies: ad-hoc queries, replays of Kata decision logs, benchmarks.",
        subcommands = {EvalCommand.class, ReplayCommand.class, BenchCommand.class, CheckCommand.class, ExplainCommand.class})
public final class AgentPolicyCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final PrintStream out;
    final PrintStream err;

    AgentPolicyCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command line; errors become one line on {@code stderr} and a non-zero status. */
    public static int execute(OutputStream stdout, OutputStream stderr, String... args) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(errStream, StandardCharsets.UTF_8), true);
        CommandLine command = new CommandLine(new AgentPolicyCli(out, errStream))
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true)).setErr(err);
        command.setParameterExceptionHandler((e, parsed) -> {
            err.println("agent-policy: " + e.getMessage() + " (see 'agent-policy --help')");
            return 2;
        });
        command.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            boolean expected = cause instanceof RegoException || cause instanceof IOException
                    || cause instanceof io.github.coco4j.initdata.InitdataException
                    || cause instanceof IllegalArgumentException;
            err.println("agent-policy: " + (expected ? CliErrors.describe(cause) : cause.toString()));
            return 1;
        });
        return command.execute(args);
    }
}
