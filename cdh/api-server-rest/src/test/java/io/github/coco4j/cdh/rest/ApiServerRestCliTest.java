package io.github.coco4j.cdh.rest;

import io.github.coco4j.cli.Cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerRestCliTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ApiServerRest api = new ApiServerRest();
        int status = Cli.run(api.options(), api, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void assertOneLineError(String expected, Run run) {
        assertTrue(run.status() != 0, "status");
        assertEquals(expected + System.lineSeparator(), run.err());
    }

    @Test
    void helpNamesEveryOption() {
        Run help = run("--help");
        assertEquals(0, help.status());
        for (String option : List.of("-b, --bind=IP:PORT", "-f, --features=FEATURES", "-c, --cdh_addr, --cdh-socket=ADDRESS",
                "-a, --aa_addr, --aa-socket=ADDRESS", "--timeout=SECONDS", "--log-level=LEVEL")) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
    }

    @Test
    void versionIsTheProjects() {
        Run version = run("--version");
        assertEquals(0, version.status());
        assertEquals("api-server-rest " + Version.get() + System.lineSeparator(), version.out());
    }

    @Test
    void aWrongNumberIsAUsageError() {
        Run run = run("--timeout", "soon");
        assertEquals(Cli.USAGE, run.status());
        assertEquals("api-server-rest: Invalid value for option '--timeout': 'soon' is not an int "
                + "(see 'api-server-rest --help')" + System.lineSeparator(), run.err());
    }

    @Test
    void badOptionsAreOneLineErrors() throws Exception {
        assertOneLineError("api-server-rest: unknown features 'bogus' (known: resource, attestation, all)",
                run("--features", "bogus"));
        assertOneLineError("api-server-rest: bad bind address 'localhost:8006' (IP:PORT or [IPv6]:PORT)",
                run("--bind", "localhost:8006"));
        assertOneLineError("api-server-rest: 'http://127.0.0.1:50000' is neither unix:PATH nor tcp:HOST:PORT",
                run("--bind", "127.0.0.1:0", "--cdh-socket", "http://127.0.0.1:50000"));
        assertOneLineError("api-server-rest: Unknown option: '--nope' (see 'api-server-rest --help')", run("--nope"));
        assertOneLineError("api-server-rest: --bind inherited: standard input is not a listening socket",
                run("--bind", "inherited"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run busy = run("--bind", "127.0.0.1:" + taken.getLocalPort(), "--cdh-socket", "unix://" + dir.resolve("s"));
            assertEquals(1, busy.status());
            assertTrue(busy.err().startsWith("api-server-rest: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    busy.err());
            assertEquals(1, busy.err().lines().count(), busy.err());
        }
    }

    /** The daemon as its launcher runs it: its own JVM, serving until SIGTERM. */
    @Test
    void daemonServesUntilTerminated() throws Exception {
        Path socket = dir.resolve("cdh.sock");
        Path stderr = dir.resolve("stderr.log");
        try (Listener hub = Transports.serve("unix://" + socket, new FakeBackends.DataHub().bindService())) {
            Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ApiServerRest.class.getName(),
                    "--bind", "127.0.0.1:0", "--cdh-socket", "unix://" + socket)
                    .redirectErrorStream(true).redirectOutput(stderr.toFile()).start();
            try {
                String url = awaitListening(daemon, stderr);
                Curl.Answer answer = Curl.get(dir, url + "/cdh/resource/default/key/1");
                assertEquals(200, answer.status(), answer.text());
                assertArrayEquals(FakeBackends.KEY, answer.body());
                daemon.destroy();
                assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "daemon did not stop on SIGTERM");
                String log = Files.readString(stderr, StandardCharsets.UTF_8);
                assertTrue(log.contains("GET /cdh/resource/default/key/1 -> 200"), log);
                assertTrue(List.of(log.split("\n")).stream().noneMatch(line -> line.contains("Exception")), log);
            } finally {
                daemon.destroyForcibly();
            }
        }
    }

    private static String awaitListening(Process daemon, Path log) throws Exception {
        Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = listening.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
            if (!daemon.isAlive()) {
                throw new IllegalStateException("daemon exited: " + text);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("daemon not listening: " + Files.readString(log, StandardCharsets.UTF_8));
    }
}
