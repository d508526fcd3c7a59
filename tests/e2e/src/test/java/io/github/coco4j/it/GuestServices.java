package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.Workshop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod VM's services after boot, as the guest image runs them: the attestation agent (its TPM
 * options given), then the data hub serving the REST API on a free loopback port, both in the JVM
 * of {@code guest-components}, and the agent with the provisioned policy; then a runc container to
 * {@code oc exec} into.
 */
final class GuestServices implements AutoCloseable {
    private static final List<String> NAMES = List.of("guest-components", "agent");
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private final Path dir;
    private final Commands commands;
    private final Path sockets;
    private final int restPort;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private long readyMs;

    private GuestServices(Path dir, int restPort) throws IOException {
        this.dir = dir;
        this.commands = new Commands(dir);
        this.sockets = Files.createDirectories(dir.resolve("sockets"));
        this.restPort = restPort;
    }

    /**
     * Starts the services of the VM booted into {@code peerpod} with {@code initdata} (its cdh.toml
     * names the KBS and, for HTTPS, its certificate); {@code tpmOptions} tell the attestation agent
     * where its TPM (and IMDS) are.
     */
    static GuestServices start(Path dir, Path peerpod, Path initdata, int restPort, List<String> tpmOptions)
            throws Exception {
        GuestServices guest = new GuestServices(dir, restPort);
        long started = System.nanoTime();
        try {
            guest.startAll(peerpod, initdata, tpmOptions);
        } catch (Exception | AssertionError e) {
            guest.close();
            throw e;
        }
        guest.readyMs = (System.nanoTime() - started) / 1_000_000;
        return guest;
    }

    private void startAll(Path peerpod, Path initdata, List<String> tpmOptions) throws Exception {
        Path aa = socket("aa");
        Path cdh = socket("cdh");
        Path agent = socket("agent");
        // The provisioned cdh.toml with this test's sockets instead of the guest's.
        Path cdhToml = Files.writeString(dir.resolve("cdh.toml"), Files.readString(peerpod.resolve("cdh.toml"))
                .replaceFirst("(?m)^socket = .*$", "socket = \"unix://" + cdh + "\"")
                + "\n[aa]\naa_socket = \"unix://" + aa + "\"\n");
        List<String> guestComponents = new ArrayList<>(List.of(Dist.launcher("guest-components"), "--config",
                peerpod.resolve("aa.toml").toString(), "--socket", "unix://" + aa, "--initdata", initdata.toString()));
        guestComponents.addAll(tpmOptions);
        guestComponents.addAll(List.of("--cdh-config", cdhToml.toString(), "--bind", "127.0.0.1:" + restPort));
        processes.add(ManagedProcess.start(dir, guestComponents, Map.of()));
        processes.add(ManagedProcess.start(dir, List.of(Dist.launcher("agent"), "--listen", "unix://" + agent,
                "--policy", peerpod.resolve("policy.rego").toString(), "--state-dir", dir.resolve("agent").toString()), Map.of()));
        processes.get(0).awaitReady(() -> Files.exists(aa) && Files.exists(cdh) && Commands.listening(restPort),
                Duration.ofSeconds(30));
        processes.get(1).awaitReady(() -> Files.exists(agent), Duration.ofSeconds(30));
    }

    Path socket(String name) {
        return sockets.resolve(name + ".sock");
    }

    /** The REST API's base URL. */
    String rest() {
        return "http://127.0.0.1:" + restPort;
    }

    /** A container with the host's /usr, as the shim's CreateContainer makes one; {@link #exec} runs in it. */
    void runPod() throws Exception {
        commands.run("agent-ctl", "--server", agentServer(), "run", "--id", "pod1", "--rootfs",
                Workshop.hostUsrRootfs(dir.resolve("rootfs")).toString(), "--bind", "/usr:/usr", "--", "sleep", "600");
    }

    void removePod() throws Exception {
        commands.run("agent-ctl", "--server", agentServer(), "rm", "pod1");
    }

    /** {@code oc exec pod1 -- COMMAND…} as the shim sends it, expecting {@code expectedStatus}. */
    Commands.Result exec(String commandLine, int expectedStatus) throws Exception {
        List<String> command = new ArrayList<>(List.of(Dist.launcher("agent-ctl"), "--server", agentServer(), "exec", "pod1",
                "--"));
        command.addAll(List.of(commandLine.split(" ")));
        Commands.Result r = commands.command(command);
        assertEquals(expectedStatus, r.status(), commandLine + ": " + r.err());
        return r;
    }

    private String agentServer() {
        return "unix://" + socket("agent");
    }

    /**
     * Start-up time and the memory of each guest JVM: resident (RSS) and proportional (PSS, the
     * pages they share, such as libjvm's, counted once among them), right after the requests and
     * again {@link #SETTLE} later, once the compilers have given back what compiling the requests'
     * code took (the JVM frees its compilers' arenas every 5 s and hands memory back every 2 s).
     */
    String report() throws IOException, InterruptedException {
        String now = memory();
        Thread.sleep(SETTLE.toMillis());
        return String.format("guest services ready in %d ms; RSS/PSS of the %d guest JVMs: %s; %d s later %s", readyMs,
                processes.size(), now, SETTLE.toSeconds(), memory());
    }

    private String memory() throws IOException {
        long rssKib = 0;
        long pssKib = 0;
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < processes.size(); i++) {
            long rss = memoryKib(processes.get(i).pid(), "Rss:");
            long pss = memoryKib(processes.get(i).pid(), "Pss:");
            rssKib += rss;
            pssKib += pss;
            each.append(i == 0 ? "" : ", ").append(NAMES.get(i)).append(' ').append(rss / 1024).append('/')
                    .append(pss / 1024).append(" MiB");
        }
        return String.format("%d/%d MiB (%s)", rssKib / 1024, pssKib / 1024, each);
    }

    /**
     * Fails if a guest JVM has loaded {@code className} (asked with the JVM's own jcmd). Used for
     * Jackson's ObjectMapper: making one loads some 250 classes of data binding, about 8 MiB of
     * each JVM's memory, and the guest's programs read and write JSON through proto/json instead.
     * Also for picocli's CommandLine: the daemons parse their options with DaemonOptions.
     */
    void assertNotLoaded(String className) throws Exception {
        for (int i = 0; i < processes.size(); i++) {
            long pid = processes.get(i).pid();
            Path jcmd = Path.of("/proc/" + pid + "/exe").toRealPath().resolveSibling("jcmd");
            Commands.Result classes = commands.command(List.of(jcmd.toString(), String.valueOf(pid), "VM.class_hierarchy"));
            assertEquals(0, classes.status(), classes.err());
            assertTrue(classes.out().contains("io.github.coco4j."), "the class list names our classes: " + classes.out());
            assertFalse(classes.out().contains(className + "/"), NAMES.get(i) + " has loaded " + className);
        }
    }

    private static long memoryKib(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("/proc/" + pid + "/smaps_rollup has no " + field);
    }

    @Override
    public void close() {
        processes.forEach(ManagedProcess::close);
        for (ManagedProcess p : processes) {
            assertFalse(p.isAlive(), "every process started is gone");
        }
    }
}
