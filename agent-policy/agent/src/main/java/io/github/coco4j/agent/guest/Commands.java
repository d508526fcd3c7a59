package io.github.coco4j.agent.guest;

import io.github.coco4j.agent.backend.AgentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The guest tools (iproute2, mount, date, stat) the agent runs: no shell, bounded in time. */
final class Commands {
    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /** Runs the command; returns its standard output, or throws with its standard error when it fails. */
    static byte[] run(List<String> command) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // Read apart, so that a tool filling one pipe is never blocked while the other is read.
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AgentException(AgentException.Kind.INTERNAL, String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new AgentException(AgentException.Kind.INTERNAL, String.join(" ", command) + " failed: "
                    + new String(stderr.join(), StandardCharsets.UTF_8).strip());
        }
        return stdout;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
