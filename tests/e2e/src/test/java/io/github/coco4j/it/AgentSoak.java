package io.github.coco4j.it;

import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.AgentServiceGrpc.AgentServiceBlockingStub;
import io.github.coco4j.proto.kata.CloseStdinRequest;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.ReadStreamRequest;
import io.github.coco4j.proto.kata.SetPolicyRequest;
import io.github.coco4j.proto.kata.WaitProcessRequest;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Transports;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent soak's clients, run by {@code tools/soak.sh}: each on its own connection until the
 * deadline, picking at random an allowed exec, an exec printing 1 MB of zeros in base64, an exec
 * the policy denies, or a SetPolicy of the same policy. Outputs are read in full (ReadStdout,
 * ReadStderr) and checked, exit statuses come from WaitProcess. Prints the counts; exits 1 on any
 * error, a denial of an allowed exec or an allowed denied one included.
 *
 * <p>Arguments: SERVER CONTAINER POLICY_FILE SECONDS CLIENTS.
 */
final class AgentSoak {
    private static final int CHUNK = 32 * 1024;
    private static final long CALL_SECONDS = 60;
    private static final int LARGE_BYTES = 1_000_000;
    private static final String LARGE = base64Lines(new byte[LARGE_BYTES]);
    private static final List<String> DENIED = List.of("ls", "/");

    private final String server;
    private final String container;
    private final String policy;
    private final long deadline;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();

    private AgentSoak(String server, String container, String policy, long deadline) {
        this.server = server;
        this.container = container;
        this.policy = policy;
        this.deadline = deadline;
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[3]);
        AgentSoak soak = new AgentSoak(args[0], args[1], Files.readString(Path.of(args[2])),
                System.nanoTime() + seconds * 1_000_000_000L);
        Thread[] clients = new Thread[Integer.parseInt(args[4])];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Thread(soak::client, "client-" + i);
            clients[i].start();
        }
        for (Thread client : clients) {
            client.join();
        }
        System.out.println("agent soak: " + new java.util.TreeMap<>(soak.counts));
        soak.firstErrors.forEach((kind, message) -> System.out.println("agent soak: first " + kind + ": " + message));
        System.exit(soak.counts.containsKey("errors") ? 1 : 0);
    }

    private void client() {
        try (Connection connection = Transports.connect(server)) {
            AgentServiceBlockingStub agent = AgentServiceGrpc.newBlockingStub(connection.channel());
            while (System.nanoTime() < deadline) {
                String kind = switch (ThreadLocalRandom.current().nextInt(4)) {
                    case 0 -> "echo";
                    case 1 -> "large";
                    case 2 -> "denied";
                    default -> "set-policy";
                };
                try {
                    // A deadline, so an agent that stops answering shows as errors and the soak still ends.
                    run(agent.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS), kind);
                    count(kind);
                } catch (RuntimeException | AssertionError e) {
                    count("errors");
                    firstErrors.putIfAbsent(kind, String.valueOf(e));
                }
            }
        }
    }

    private void run(AgentServiceBlockingStub agent, String kind) {
        switch (kind) {
            case "echo" -> expect("soak\n", exec(agent, List.of("echo", "soak")));
            case "large" -> expect(LARGE, exec(agent, List.of("sh", "-c", "head -c " + LARGE_BYTES + " /dev/zero | base64")));
            case "denied" -> denied(agent);
            default -> agent.setPolicy(SetPolicyRequest.newBuilder().setPolicy(policy).build());
        }
    }

    /** Runs an exec as the shim does for {@code oc exec}; its stdout, once it exited 0 with nothing on stderr. */
    private String exec(AgentServiceBlockingStub agent, List<String> args) {
        String execId = UUID.randomUUID().toString();
        agent.execProcess(request(execId, args));
        agent.closeStdin(CloseStdinRequest.newBuilder().setContainerId(container).setExecId(execId).build());
        String out = read(agent, execId, false);
        expect("", read(agent, execId, true));
        int status = agent.waitProcess(WaitProcessRequest.newBuilder().setContainerId(container).setExecId(execId).build())
                .getStatus();
        if (status != 0) {
            throw new AssertionError(args + " exited with " + status);
        }
        return out;
    }

    private void denied(AgentServiceBlockingStub agent) {
        try {
            agent.execProcess(request(UUID.randomUUID().toString(), DENIED));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
                return;
            }
            throw e;
        }
        throw new AssertionError(DENIED + " was allowed");
    }

    private ExecProcessRequest request(String execId, List<String> args) {
        return ExecProcessRequest.newBuilder().setContainerId(container).setExecId(execId)
                .setProcess(Process.newBuilder().addAllArgs(args).setCwd("/").addEnv("PATH=/usr/bin:/bin")).build();
    }

    /** Reads a stream until the agent returns no data (its end). */
    private String read(AgentServiceBlockingStub agent, String execId, boolean stderr) {
        ReadStreamRequest request = ReadStreamRequest.newBuilder().setContainerId(container).setExecId(execId).setLen(CHUNK)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] data = (stderr ? agent.readStderr(request) : agent.readStdout(request)).getData().toByteArray();
            if (data.length == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.writeBytes(data);
        }
    }

    private void count(String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static void expect(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("output of " + actual.length() + " characters, not the " + expected.length()
                    + " expected");
        }
    }

    /** What coreutils' base64 prints: lines of 76 characters, each ending in a newline. */
    private static String base64Lines(byte[] data) {
        String encoded = Base64.getEncoder().encodeToString(data);
        StringBuilder lines = new StringBuilder();
        for (int at = 0; at < encoded.length(); at += 76) {
            lines.append(encoded, at, Math.min(encoded.length(), at + 76)).append('\n');
        }
        return lines.toString();
    }
}
