package io.github.coco4j.agent.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.github.coco4j.agent.service.HealthService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent-ctl waits for an agent that is still starting, and names the address it cannot reach. */
class AgentCtlConnectTest {
    @TempDir
    Path dir;

    @Test
    void anAgentThatComesUpWithinTheTimeoutIsReached() throws Exception {
        Path socket = dir.resolve("late.sock");
        CompletableFuture<Listener> server = CompletableFuture.supplyAsync(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(1500);
                return Transports.serve("unix://" + socket, new HealthService().bindService());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = AgentCtl.execute(out, err, "--server", "unix://" + socket, "--connect-timeout", "20", "health");
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("SERVING"));
        } finally {
            server.get().close();
        }
    }

    @Test
    void noAgentWithinTheTimeoutIsOneClearLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String address = "unix://" + dir.resolve("none.sock");
        int status = AgentCtl.execute(new ByteArrayOutputStream(), err, "--server", address, "--connect-timeout", "1", "health");
        assertEquals(1, status);
        assertEquals("agent-ctl: cannot reach the agent at " + address + " (UNAVAILABLE)\n", err.toString(StandardCharsets.UTF_8));
    }
}
