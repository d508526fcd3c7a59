package io.github.coco4j.agent.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.agent.testing.Runc;
import io.github.coco4j.proto.kata.Mount;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Root;
import io.github.coco4j.proto.kata.Spec;
import io.github.coco4j.testing.Workshop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes with a terminal in a real container, as {@code oc exec -it} runs them: the pty's output
 * on stdout (with the terminal's CR LF, see {@link Terminal} for output written at once), nothing
 * on stderr, stdin to the pty, TtyWinResize, the exit status.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TerminalOnRuncTest {
    private static final String CONTAINER = "tty";

    @TempDir
    static Path dir;
    private static RuncBackend backend;
    private static Path rootfs;

    @BeforeAll
    static void startContainer() throws Exception {
        Runc.assumeAvailable();
        rootfs = Workshop.hostUsrRootfs(dir.resolve("rootfs"));
        backend = new RuncBackend("runc", dir.resolve("state"));
        backend.createContainer(CONTAINER, CONTAINER, spec(process(false, "sleep", "600")));
        backend.startContainer(CONTAINER);
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void theTerminalIsAPtyOnStdoutWithItsDefaultSizeAndStderrIsEmpty() throws Exception {
        backend.exec(CONTAINER, "tty-1", process(true, "sh", "-c", "tty; stty size; exit 5"));
        String out = readAll("tty-1", false);
        assertTrue(out.matches("/dev/pts/\\d+\r+\n0 0\r+\n"), out);
        assertEquals("", readAll("tty-1", true));
        assertEquals(5, backend.waitProcess(CONTAINER, "tty-1"));
    }

    @Test
    void stdinGoesToTheTerminalWhichEchoesItAndClosingItIsTheEndOfInput() throws Exception {
        backend.exec(CONTAINER, "cat-1", process(true, "cat"));
        backend.write(CONTAINER, "cat-1", "hello\n".getBytes(StandardCharsets.UTF_8));
        readUntil("cat-1", "hello\r\nhello\r\n");
        backend.closeStdin(CONTAINER, "cat-1");
        assertEquals(0, backend.waitProcess(CONTAINER, "cat-1"));
    }

    @Test
    void resizingSetsTheWindowSizeTheProcessSees() throws Exception {
        backend.exec(CONTAINER, "size-1", process(true, "sh", "-c", "while read line; do stty size; done; exit 4"));
        backend.resizeTerminal(CONTAINER, "size-1", 40, 100);
        backend.write(CONTAINER, "size-1", "\n".getBytes(StandardCharsets.UTF_8));
        readUntil("size-1", "40 100\r\n");
        backend.resizeTerminal(CONTAINER, "size-1", 25, 81);
        backend.write(CONTAINER, "size-1", "\n".getBytes(StandardCharsets.UTF_8));
        readUntil("size-1", "25 81\r\n");
        backend.closeStdin(CONTAINER, "size-1");
        assertEquals(4, backend.waitProcess(CONTAINER, "size-1"));
    }

    @Test
    void aProcessWithoutATerminalHasNoTtyToResize() throws Exception {
        backend.exec(CONTAINER, "pipes-1", process(false, "cat"));
        AgentException noTty = assertThrows(AgentException.class, () -> backend.resizeTerminal(CONTAINER, "pipes-1", 40, 100));
        assertEquals(AgentException.Kind.UNAVAILABLE, noTty.kind());
        assertEquals("no tty", noTty.getMessage());
        backend.closeStdin(CONTAINER, "pipes-1");
        assertEquals(0, backend.waitProcess(CONTAINER, "pipes-1"));
    }

    @Test
    void theInitMayHaveATerminal() throws Exception {
        backend.createContainer("tty-init", "tty-init", spec(process(true, "sh", "-c", "tty; read line; exit 2")));
        try {
            backend.startContainer("tty-init");
            backend.closeStdin("tty-init", "");
            assertTrue(readAll("", "tty-init", false).matches("/dev/pts/\\d+\r+\n"));
            assertEquals(2, backend.waitProcess("tty-init", ""));
        } finally {
            backend.removeContainer("tty-init");
        }
    }

    private static Spec spec(Process process) {
        return Spec.newBuilder().setRoot(Root.newBuilder().setPath(rootfs.toString()))
                .addMounts(Mount.newBuilder().setSource("/usr").setDestination("/usr").setType("bind").addOptions("ro"))
                .setProcess(process).build();
    }

    private static Process process(boolean terminal, String... args) {
        return Process.newBuilder().setTerminal(terminal).addAllArgs(List.of(args)).setCwd("/")
                .addEnv("PATH=/usr/bin:/bin").build();
    }

    private static String readAll(String execId, boolean stderr) throws InterruptedException {
        return readAll(execId, CONTAINER, stderr);
    }

    private static String readAll(String execId, String containerId, boolean stderr) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        for (byte[] data = backend.read(containerId, execId, stderr, 1024); data.length > 0;
                data = backend.read(containerId, execId, stderr, 1024)) {
            out.append(new String(data, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** Reads stdout until it ends with {@code expected}; the test's timeout stops a wait for what never comes. */
    private static void readUntil(String execId, String expected) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        while (!out.toString().endsWith(expected)) {
            byte[] data = backend.read(CONTAINER, execId, false, 1024);
            assertTrue(data.length > 0, "the output ended before '" + expected + "': " + out);
            out.append(new String(data, StandardCharsets.UTF_8));
        }
    }
}
