package io.github.coco4j.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.coco4j.agent.testing.Runc;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.ctl.AgentCtl;
import io.github.coco4j.testing.Workshop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the real agent (a child JVM) completely: every container killed and deleted,
 * its socket gone, within 5 s. Repeated, because the shutdown once raced with itself.
 */
class AgentShutdownTest {
    private static final String ALLOW_ALL = """
            package agent_policy
            default CreateSandboxRequest := true
            default CreateContainerRequest := true
            default StartContainerRequest := true
            """;
    private static final int CONTAINERS = 4;

    @TempDir
    static Path dir;
    private static Path policy;
    private static Path rootfs;

    @BeforeAll
    static void needsRootAndRunc() throws Exception {
        Runc.assumeAvailable();
        policy = Files.writeString(dir.resolve("allow.rego"), ALLOW_ALL);
        rootfs = Workshop.hostUsrRootfs(dir.resolve("rootfs"));
    }

    @Test
    void sigtermKillsEveryContainerAndExitsWithin5Seconds() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path state = dir.resolve("state-" + round);
            Path socket = dir.resolve("agent-" + round + ".sock");
            Process agent = startAgent(socket, state);
            try {
                for (int i = 0; i < CONTAINERS; i++) {
                    run(socket, "c" + i);
                }
                assertEquals(CONTAINERS, runcList(state).size(), "containers before SIGTERM");
                long start = System.nanoTime();
                agent.destroy();
                assertTrue(agent.waitFor(5, TimeUnit.SECONDS), "round " + round + ": the agent still runs 5 s after SIGTERM");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(List.of(), runcList(state), "round " + round + ": containers left after SIGTERM (" + millis + " ms)");
                assertFalse(Files.exists(socket), "round " + round + ": the socket is left");
            } finally {
                agent.destroyForcibly().waitFor();
                removeSurvivors(state);
            }
        }
    }

    private static Process startAgent(Path socket, Path state) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), AgentDaemon.class.getName(),
                "--listen", "unix://" + socket, "--policy", policy.toString(), "--state-dir", state.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(state.getFileName() + ".log").toFile()).start();
    }

    /** agent-ctl run, which waits for the agent's socket to come up. */
    private static void run(Path socket, String id) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AgentCtl.execute(new ByteArrayOutputStream(), err, "--server", "unix://" + socket, "--connect-timeout", "30",
                "run", "--id", id, "--rootfs", rootfs.toString(), "--bind", "/usr:/usr", "--", "sleep", "600");
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> runcList(Path state) throws IOException, InterruptedException {
        java.lang.Process list = new ProcessBuilder("runc", "--root", state.resolve("runc").toString(), "list", "-q").start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor());
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    private static void removeSurvivors(Path state) throws IOException, InterruptedException {
        for (String id : runcList(state)) {
            new ProcessBuilder("runc", "--root", state.resolve("runc").toString(), "delete", "--force", id).inheritIO().start().waitFor();
        }
    }
}
