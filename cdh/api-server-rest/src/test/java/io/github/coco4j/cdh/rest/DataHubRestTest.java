package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data hub with the REST API in its JVM, started as systemd starts it in the guest: the
 * listening socket made by systemd ({@code systemd-socket-activate}) and passed as standard input.
 */
class DataHubRestTest {
    @TempDir
    Path dir;

    @Test
    void servesTheHubsResourcesOnThePassedSocketUntilTerminated() throws Exception {
        Path socket = dir.resolve("cdh.sock");
        Path config = Files.writeString(dir.resolve("cdh.toml"),
                "socket = \"unix://" + socket + "\"\n[kbc]\nname = \"offline_fs_kbc\"\nurl = \"\"\n");
        Path resources = Files.writeString(dir.resolve("resources.json"),
                "{\"default/key/1\": \"" + Base64.getEncoder().encodeToString(FakeBackends.KEY) + "\"}");
        Path log = dir.resolve("daemon.log");
        int port = freePort();
        // systemd-socket-activate passes on only the environment it is told to (-E).
        Process daemon = new ProcessBuilder("systemd-socket-activate", "--inetd", "-l", "127.0.0.1:" + port,
                "-E", "OFFLINE_FS_KBC_EXTRA_FILE_PATH=" + resources,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DataHubRest.class.getName(),
                "--config", config.toString(), "--initdata", dir.resolve("none").toString(), "--bind", "inherited")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLine(log, "Listening on 127.0.0.1:" + port, daemon);
            // The first connection starts the process; it waits in the socket's backlog meanwhile.
            Curl.Answer answer = Curl.get(dir, "http://127.0.0.1:" + port + "/cdh/resource/default/key/1");
            assertEquals(200, answer.status(), answer.text() + Files.readString(log));
            assertArrayEquals(FakeBackends.KEY, answer.body());
            Curl.Answer missing = Curl.get(dir, "http://127.0.0.1:" + port + "/cdh/resource/default/key/2");
            assertEquals(500, missing.status());
            assertEquals("Failed to get resource: get resource failed: resource kbs:///default/key/2 not found in the "
                    + "offline files", missing.text());
            assertTrue(Files.exists(socket), "the hub's own socket serves too");

            daemon.destroy();
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "did not stop on SIGTERM");
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(text.contains("API server listening on http://127.0.0.1:" + port), text);
            assertTrue(List.of(text.split("\n")).stream().noneMatch(line -> line.contains("Exception")), text);
        } finally {
            daemon.destroyForcibly();
        }
    }

    /** systemd-socket-activate says when its socket listens. */
    private static void awaitLine(Path log, String line, Process process) throws Exception {
        for (int i = 0; i < 300 && !Files.readString(log).contains(line); i++) {
            assertTrue(process.isAlive(), Files.readString(log));
            Thread.sleep(20);
        }
        assertTrue(Files.readString(log).contains(line), Files.readString(log));
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
