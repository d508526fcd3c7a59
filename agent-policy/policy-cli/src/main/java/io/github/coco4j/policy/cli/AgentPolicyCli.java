package io.github.coco4j.policy.cli;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.logging.CliErrors;
import io.github.coco4j.rego.RegoException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agent-policy} command: evaluate, replay and benchmark Kata agent policies. */
@Command(name = "agent-policy", mixinStandardHelpOptions = true, version = "agent-policy 0.1.0",
        description = "Evaluate Rego agent policies: ad-hoc queries, replays of Kata decision logs, benchmarks.")
public final class AgentPolicyCli implements Cli.Subcommands, Runnable, Cli.DescribesFailures {
    @Override
    public List<Class<?>> subcommands() {
        return List.of(EvalCommand.class, ReplayCommand.class, BenchCommand.class, CheckCommand.class, ExplainCommand.class);
    }

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
        Cli.exit(args, AgentPolicyCli::new);
    }

    /** Runs the command line; errors become one line on {@code stderr} and a non-zero status. */
    public static int execute(OutputStream stdout, OutputStream stderr, String... args) {
        return Cli.run(AgentPolicyCli::new, stdout, stderr, args);
    }

    /** A policy that does not parse or evaluate is the user's to fix: its message points at the place. */
    @Override
    public String describe(Throwable failure) {
        return failure instanceof RegoException ? CliErrors.describe(failure) : null;
    }
}
