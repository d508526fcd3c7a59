package io.github.coco4j.aa.cli;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.proto.aa.RuntimeMeasurementResult;
import io.github.coco4j.wire.DefaultAddresses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code aa-client}: asks the attestation agent for evidence, a token, the TEE type, or to record an event. */
@Command(name = "aa-client", mixinStandardHelpOptions = true,
        description = "Talks to the attestation agent over its unix socket.")
public final class AaClient implements Cli.Subcommands, Callable<Integer> {
    @Override
    public List<Class<?>> subcommands() {
        return List.of(AaClient.Evidence.class, AaClient.Token.class, AaClient.Tee.class, AaClient.Measure.class);
    }

    @Option(names = {"-s", "--socket"}, paramLabel = "ADDRESS", defaultValue = DefaultAddresses.ATTESTATION_AGENT,
            scope = CommandLine.ScopeType.INHERIT, description = "attestation agent socket (default: ${DEFAULT-VALUE})")
    String socket;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", scope = CommandLine.ScopeType.INHERIT,
            description = "how long a call may take (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand there is nothing to do: show the usage and fail. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    AttestationAgentClient connect() {
        return AttestationAgentClient.connect(socket, Duration.ofSeconds(timeoutSeconds));
    }

    /** Prints the agent's answer bytes as they are, followed by a newline. */
    static void print(PrintStream out, byte[] answer) throws IOException {
        out.write(answer);
        out.println();
        out.flush();
    }

    @Command(name = "evidence", mixinStandardHelpOptions = true,
            description = "Print the evidence JSON for the given runtime data.")
    static final class Evidence implements Callable<Integer> {
        @ParentCommand
        AaClient parent;

        @Option(names = "--runtime-data", paramLabel = "TEXT", required = true,
                description = "runtime data (its UTF-8 bytes go into the evidence's report data)")
        String runtimeData;

        @Override
        public Integer call() throws Exception {
            try (AttestationAgentClient client = parent.connect()) {
                print(System.out, client.evidence(runtimeData.getBytes(StandardCharsets.UTF_8)));
            }
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Print {\"token\",\"tee_keypair\"}: a KBS token and the private key it certifies.")
    static final class Token implements Callable<Integer> {
        @ParentCommand
        AaClient parent;

        @Option(names = "--type", defaultValue = "kbs", description = "token type (default: ${DEFAULT-VALUE})")
        String type;

        @Override
        public Integer call() throws Exception {
            try (AttestationAgentClient client = parent.connect()) {
                print(System.out, client.token(type));
            }
            return 0;
        }
    }

    @Command(name = "tee", mixinStandardHelpOptions = true, description = "Print the TEE type the agent attests.")
    static final class Tee implements Callable<Integer> {
        @ParentCommand
        AaClient parent;

        @Override
        public Integer call() throws Exception {
            try (AttestationAgentClient client = parent.connect()) {
                System.out.println(client.teeType());
            }
            return 0;
        }
    }

    @Command(name = "measure", mixinStandardHelpOptions = true,
            description = "Record an event in the runtime event log and extend its register.")
    static final class Measure implements Callable<Integer> {
        @ParentCommand
        AaClient parent;

        @Option(names = "--domain", required = true, description = "event domain, e.g. github.com/confidential-containers")
        String domain;

        @Option(names = "--operation", required = true, description = "event operation, e.g. PullImage")
        String operation;

        @Option(names = "--content", required = true, description = "event content (one line)")
        String content;

        @Option(names = "--pcr", description = "register (PCR index); default: the agent's init_pcr")
        Integer pcr;

        @Override
        public Integer call() throws Exception {
            try (AttestationAgentClient client = parent.connect()) {
                RuntimeMeasurementResult result = client.extendRuntimeMeasurement(domain, operation, content, pcr);
                System.out.println(result.name());
                return result == RuntimeMeasurementResult.OK ? 0 : 3;
            }
        }
    }

    public static void main(String[] args) {
        Cli.exit(args, new AaClient());
    }
}
