package io.github.coco4j.agent.ctl;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.wire.DefaultAddresses;
import io.github.coco4j.wire.GrpcUnixSockets;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.HealthGrpc;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent-ctl}: talks to an agent as the Kata shim does. */
@Command(name = "agent-ctl", mixinStandardHelpOptions = true, version = "agent-ctl 0.1.0",
        description = "Drive an agent over its gRPC socket: run a container, exec in it, set the policy, check health.",
        subcommands = {RunCommand.class, ExecCommand.class, RemoveCommand.class, SetPolicyCommand.class, HealthCommand.class})
public final class AgentCtl implements Runnable, Cli.DescribesFailures {
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
        try (GrpcUnixSockets.Channel channel = GrpcUnixSockets.connect(server)) {
            awaitReady(channel.grpc());
            return body.apply(new Stubs(AgentServiceGrpc.newBlockingStub(channel.grpc()), HealthGrpc.newBlockingStub(channel.grpc())));
        }
    }

    /**
     * Connects before the first call, retrying with gRPC's back-off: an agent that is still
     * starting, or a forwarded port whose first connection drops, is not an error yet.
     */
    private void awaitReady(ManagedChannel channel) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectTimeoutSeconds);
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw Status.UNAVAILABLE.withDescription("no connection within " + connectTimeoutSeconds + " s").asRuntimeException();
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                changed.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
            }
            state = channel.getState(true);
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
