package io.github.coco4j.agent.runc;

import io.github.coco4j.agent.backend.AgentException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process in a container (its init or an exec), run through a foreground runc command whose
 * stdio is the process's own, or its terminal's ({@link Terminal}): output is buffered for
 * ReadStdout/ReadStderr, stdin is writable until closed, and the exit status is runc's. runc
 * writes the process's pid (in the agent's pid namespace) to its pid file once it runs.
 */
final class ContainerProcess {
    /** The largest WriteStdin accepted at once. */
    static final int MAX_WRITE = 1 << 20;

    private final String execId;
    private final Path pidFile;
    private final boolean terminal;
    private final Process runc;
    private final StreamBuffer stdout;
    private final StreamBuffer stderr;
    private final OutputStream stdin;

    ContainerProcess(String execId, Path pidFile, boolean terminal, Process runc) {
        this.execId = execId;
        this.pidFile = pidFile;
        this.terminal = terminal;
        this.runc = runc;
        this.stdout = StreamBuffer.pump(runc.getInputStream(), "stdout-" + execId);
        this.stderr = StreamBuffer.pump(runc.getErrorStream(), "stderr-" + execId);
        this.stdin = runc.getOutputStream();
    }

    String execId() {
        return execId;
    }

    Path pidFile() {
        return pidFile;
    }

    /** The process's pid, once it runs. */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    boolean terminal() {
        return terminal;
    }

    /** The pid of runc, which relays the terminal: the one child of {@code script} ({@link Terminal}). */
    long relayPid() {
        return runc.children().findFirst().map(ProcessHandle::pid).orElseThrow(() -> new AgentException(
                AgentException.Kind.FAILED_PRECONDITION, "process " + execId + " has ended"));
    }

    /** What runc said when the process did not start: on its stderr, or on the terminal of a process with one. */
    byte[] runcErrors(int max) throws InterruptedException {
        return read(!terminal, max);
    }

    byte[] read(boolean fromStderr, int max) throws InterruptedException {
        return (fromStderr ? stderr : stdout).read(max);
    }

    int write(byte[] data) {
        if (data.length > MAX_WRITE) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                    "WriteStdin of " + data.length + " bytes is larger than " + MAX_WRITE);
        }
        try {
            stdin.write(data);
            stdin.flush();
            return data.length;
        } catch (IOException e) {
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "stdin of " + execId + " is closed");
        }
    }

    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed: nothing more to do
        }
    }

    int waitFor() throws InterruptedException {
        return runc.waitFor();
    }

    boolean isAlive() {
        return runc.isAlive();
    }

    /** Stops runc if the process is somehow still there after its container was killed. */
    void reap() throws InterruptedException {
        if (!runc.waitFor(5, TimeUnit.SECONDS)) {
            runc.destroyForcibly();
            runc.waitFor();
        }
    }
}
