package io.github.coco4j.agent.ctl;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.wire.DefaultAddresses;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Transports;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.CheckRequest;
import io.github.coco4j.proto.kata.HealthGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent-ctl}: talks to an agent as the Kata shim does. */
@Command(name = "agent-ctl", mixinStandardHelpOptions = true, version = "agent-ctl 0.1.0",
        description = "Drive an agent over its gRPC socket: run a container, exec in it, set the policy, check health.")
public final class AgentCtl implements Cli.Subcommands, Runnable, Cli.DescribesFailures {
    @Override
    public List<Class<?>> subcommands() {
        return List.of(RunCommand.class, ExecCommand.class, RemoveCommand.class, SetPolicyCommand.class, HealthCommand.class);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "ADDRESS", defaultValue = DefaultAddresses.KATA_AGENT,
            scope = CommandLine.ScopeType.INHERIT, description = "the agent's address: unix:PATH or tcp:HOST:PORT (default: ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10", scope = CommandLine.ScopeType.INHERIT,
            description = "how long to keep trying to connect before giving up (default: ${DEFAULT-VALUE})")
    long connectTimeoutSeconds;

    final PrintStream out;
    final PrintStream err;

    AgentCtl(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Runs {@code body} with stubs on a connection to the agent. */
    <T> T withAgent(Function<Stubs, T> body) {
        try (Connection connection = Transports.connect(server)) {
            Stubs stubs = new Stubs(AgentServiceGrpc.newBlockingStub(connection.channel()),
                    HealthGrpc.newBlockingStub(connection.channel()));
            awaitReady(stubs.health());
            return body.apply(stubs);
        }
    }

    /**
     * Connects before the first call, retrying: an agent that is still starting, or a forwarded
     * port whose first connection drops, is not an error yet. Health is not behind the policy, and
     * any answer other than UNAVAILABLE means the agent is there.
     */
    private void awaitReady(HealthGrpc.HealthBlockingStub health) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectTimeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw Status.UNAVAILABLE.withDescription("no connection within " + connectTimeoutSeconds + " s").asRuntimeException();
            }
            try {
                health.withDeadlineAfter(Math.min(left, TimeUnit.SECONDS.toNanos(2)), TimeUnit.NANOSECONDS)
                        .check(CheckRequest.getDefaultInstance());
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                    return;
                }
            }
            try {
                Thread.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(Math.max(left, 0))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
            }
        }
    }

    record Stubs(AgentServiceGrpc.AgentServiceBlockingStub agent, HealthGrpc.HealthBlockingStub health) {
    }

    public static void main(String[] args) {
        Cli.exit(args, AgentCtl::new);
    }

    public static int execute(java.io.OutputStream stdout, java.io.OutputStream stderr, String... args) {
        return Cli.run(AgentCtl::new, stdout, stderr, args);
    }

    /** The agent's statuses as the shim would report them; an agent out of reach says where it was looked for. */
    @Override
    public String describe(Throwable failure) {
        if (!(failure instanceof StatusRuntimeException s)) {
            return null;
        }
        return s.getStatus().getCode() == Status.Code.UNAVAILABLE
                ? "cannot reach the agent at " + server + " (UNAVAILABLE)"
                : s.getStatus().getCode() + ": " + s.getStatus().getDescription();
    }
}
