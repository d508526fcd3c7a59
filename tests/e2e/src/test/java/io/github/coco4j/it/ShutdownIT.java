package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.GetTeeTypeRequest;
import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.Workshop;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Transports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each daemon, started from its dist launcher, serving, then sent SIGTERM, twenty times over: it
 * stops within 5 s and takes its socket with it; the agent also ends the containers it ran, so
 * runc keeps no state and no process of a trial is left.
 */
class ShutdownIT {
    private static final int TRIALS = 20;
    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    private static final String SECRET = "value of key1";
    private static final String AGENT_POLICY = """
            package agent_policy
            default CreateSandboxRequest := true
            default CreateContainerRequest := true
            default StartContainerRequest := true
            default RemoveContainerRequest := true
            default WaitProcessRequest := true
            """;

    @TempDir
    Path dir;

    /** What a trial does while the daemon serves; a step may throw. */
    private interface Step {
        void run() throws Exception;
    }

    /** A daemon's command line, when it is ready, what shows it serves, and what must hold once it stopped. */
    private record Daemon(String name, List<String> command, Map<String, String> environment, BooleanSupplier ready,
                          Step serve, Step gone) {
    }

    @Test
    void theAttestationAgent() throws Exception {
        trials(attestationAgent());
    }

    @Test
    void theDataHub() throws Exception {
        trials(dataHub());
    }

    @Test
    void apiServerRestInFrontOfTheHub() throws Exception {
        Daemon hub = dataHub();
        try (ManagedProcess running = ManagedProcess.start(dir, hub.command(), hub.environment())) {
            running.awaitReady(hub.ready(), Duration.ofSeconds(30));
            trials(apiServerRest());
        }
    }

    @Test
    void theDataHubServingTheRestApi() throws Exception {
        trials(dataHubRest());
    }

    @Test
    void theGuestComponentsInOneJvm() throws Exception {
        trials(guestComponents());
    }

    @Test
    void theAgentWithRuncContainers() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the agent's runc containers need root");
        trials(agent());
    }

    private Daemon attestationAgent() throws Exception {
        Path socket = dir.resolve("aa.sock");
        // No KBS: GetTeeType is enough to show the agent serves.
        return new Daemon("attestation-agent", SampleAttestationAgent.command(dir, URI.create("http://127.0.0.1:9"), socket),
                Map.of(), () -> Files.exists(socket), () -> {
                    try (Connection c = Transports.connect("unix://" + socket)) {
                        assertEquals("sample", AttestationAgentServiceGrpc.newBlockingStub(c.channel())
                                .getTeeType(GetTeeTypeRequest.getDefaultInstance()).getTee());
                    }
                }, () -> assertFalse(Files.exists(socket), "the socket is removed"));
    }

    private Daemon dataHub() throws Exception {
        Path socket = dir.resolve("cdh.sock");
        Path config = Files.writeString(dir.resolve("cdh.toml"), "socket = \"unix://" + socket + "\"\n"
                + "[kbc]\nname = \"offline_fs_kbc\"\nurl = \"\"\n");
        Path resources = Files.writeString(dir.resolve("resources.json"), "{\"default/kbsres1/key1\": \""
                + Base64.getEncoder().encodeToString(SECRET.getBytes()) + "\"}");
        return new Daemon("confidential-data-hub", List.of(Dist.launcher("confidential-data-hub"), "--config",
                config.toString()), Map.of("OFFLINE_FS_KBC_EXTRA_FILE_PATH", resources.toString()),
                () -> Files.exists(socket), () -> {
                    try (Connection c = Transports.connect("unix://" + socket)) {
                        assertEquals(SECRET, GetResourceServiceGrpc.newBlockingStub(c.channel()).getResource(
                                GetResourceRequest.newBuilder().setResourcePath("kbs:///default/kbsres1/key1").build())
                                .getResource().toStringUtf8());
                    }
                }, () -> assertFalse(Files.exists(socket), "the socket is removed"));
    }

    private Daemon apiServerRest() throws Exception {
        int port = Commands.freePort();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cdh/resource/default/kbsres1/key1"))
                .build();
        return new Daemon("api-server-rest", List.of(Dist.launcher("api-server-rest"), "--bind", "127.0.0.1:" + port,
                "--cdh-socket", "unix://" + dir.resolve("cdh.sock")), Map.of(), () -> Commands.listening(port),
                () -> assertEquals(SECRET, http.send(get, HttpResponse.BodyHandlers.ofString()).body()),
                () -> assertFalse(Commands.listening(port), "the port is closed"));
    }

    /** The data hub's command with the REST API's --bind, serving and stopping as both do. */
    private Daemon dataHubRest() throws Exception {
        Daemon hub = dataHub();
        Daemon rest = apiServerRest();
        List<String> command = new ArrayList<>(List.of(Dist.launcher("confidential-data-hub-rest")));
        command.addAll(hub.command().subList(1, hub.command().size()));
        command.addAll(rest.command().subList(1, 3)); // --bind 127.0.0.1:PORT
        return together("confidential-data-hub-rest", command, hub.environment(), hub, rest);
    }

    /**
     * The attestation agent, the hub and the REST API in one JVM: all three serve, and all three
     * stop. With the attestation routes on, the API asks the agent this process serves (on its
     * --socket, no --aa-socket given).
     */
    private Daemon guestComponents() throws Exception {
        Daemon aa = attestationAgent();
        Daemon hubRest = dataHubRest();
        List<String> command = new ArrayList<>(List.of(Dist.launcher("guest-components")));
        command.addAll(aa.command().subList(1, aa.command().size()));
        // confidential-data-hub-rest --config FILE --bind IP:PORT: the hub's config under its name here.
        command.add("--cdh-config");
        command.addAll(hubRest.command().subList(2, hubRest.command().size()));
        HttpRequest info = HttpRequest.newBuilder(URI.create("http://" + command.get(command.size() - 1) + "/info")).build();
        command.addAll(List.of("--features", "all"));
        Daemon agentsTee = new Daemon("the REST API's /info", List.of(), Map.of(), () -> true,
                () -> assertTrue(HttpClient.newHttpClient().send(info, HttpResponse.BodyHandlers.ofString()).body()
                        .contains("\"tee\":\"sample\""), "/info names the agent's TEE"), () -> { });
        return together("guest-components", command, hubRest.environment(), aa, hubRest, agentsTee);
    }

    /** Daemons' parts in one process: ready, serving and gone when all are. */
    private static Daemon together(String name, List<String> command, Map<String, String> environment, Daemon... parts) {
        return new Daemon(name, command, environment,
                () -> Arrays.stream(parts).allMatch(part -> part.ready().getAsBoolean()), () -> {
                    for (Daemon part : parts) {
                        part.serve().run();
                    }
                }, () -> {
                    for (Daemon part : parts) {
                        part.gone().run();
                    }
                });
    }

    /** The agent as root with runc; each trial runs two containers (at once) that the SIGTERM must end. */
    private Daemon agent() throws Exception {
        Path socket = dir.resolve("agent.sock");
        Path state = dir.resolve("agent");
        Path policy = Files.writeString(dir.resolve("policy.rego"), AGENT_POLICY);
        // A sleep no other process runs: what a container would leave behind.
        String marker = String.valueOf(600_000 + ThreadLocalRandom.current().nextInt(100_000));
        List<String> ids = List.of("c1", "c2");
        for (String id : ids) {
            Workshop.hostUsrRootfs(dir.resolve("rootfs-" + id));
        }
        return new Daemon("agent", List.of(Dist.launcher("agent"), "--listen", "unix://" + socket, "--policy",
                policy.toString(), "--state-dir", state.toString()), Map.of(), () -> Files.exists(socket), () -> {
                    List<ManagedProcess> runs = new ArrayList<>();
                    for (String id : ids) {
                        runs.add(ManagedProcess.start(dir, List.of(Dist.launcher("agent-ctl"), "--server", "unix://" + socket,
                                "run", "--id", id, "--rootfs", dir.resolve("rootfs-" + id).toString(), "--bind", "/usr:/usr",
                                "--", "sleep", marker), Map.of()));
                    }
                    for (ManagedProcess run : runs) {
                        assertEquals(0, run.waitFor(Duration.ofSeconds(60)), run.stderr());
                    }
                }, () -> {
                    assertFalse(Files.exists(socket), "the socket is removed");
                    assertEquals("", runcList(state), "runc holds no container");
                    assertEquals(List.of(), processesMentioning(List.of(state.toString(), "sleep " + marker)),
                            "no runc or container process is left");
                });
    }

    private void trials(Daemon daemon) throws Exception {
        long slowestMs = 0;
        long totalMs = 0;
        for (int trial = 1; trial <= TRIALS; trial++) {
            long ms = trial(daemon);
            assertTrue(ms < STOP_WITHIN.toMillis(), daemon.name() + " trial " + trial + ": stopped after " + ms + " ms");
            slowestMs = Math.max(slowestMs, ms);
            totalMs += ms;
        }
        System.out.printf("shutdown: %s, %d trials: SIGTERM to exit %d ms on average, %d ms at most%n", daemon.name(),
                TRIALS, totalMs / TRIALS, slowestMs);
    }

    /** One start, use and SIGTERM; the milliseconds from SIGTERM to exit. */
    private long trial(Daemon daemon) throws Exception {
        ManagedProcess process = ManagedProcess.start(dir, daemon.command(), daemon.environment());
        long stopMs;
        try {
            process.awaitReady(daemon.ready(), Duration.ofSeconds(30));
            daemon.serve().run();
        } finally {
            long sigterm = System.nanoTime();
            process.close();
            stopMs = (System.nanoTime() - sigterm) / 1_000_000;
        }
        assertFalse(process.isAlive(), daemon.name() + " exited");
        daemon.gone().run();
        return stopMs;
    }

    private String runcList(Path state) throws Exception {
        Commands.Result list = new Commands(dir).command(List.of("runc", "--root", state.resolve("runc").toString(),
                "list", "-q"));
        assertEquals(0, list.status(), list.err());
        return list.out().strip();
    }

    private static List<String> processesMentioning(List<String> texts) {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> texts.stream().anyMatch(line::contains)).toList();
    }
}
