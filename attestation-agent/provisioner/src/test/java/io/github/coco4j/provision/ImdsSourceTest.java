package io.github.coco4j.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud sources against a local metadata service that serves the clouds' paths and insists
 * on their headers, as the real services do.
 */
class ImdsSourceTest {
    private static final String USER_DATA = "#cloud-config\nwrite_files: []\n";

    @TempDir
    Path dir;
    HttpServer server;
    String base;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile boolean imdsV2 = true;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        requests.add(exchange.getRequestMethod() + " " + path);
        String encoded = Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8));
        if (failuresLeft.getAndDecrement() > 0) {
            reply(exchange, 503, "not yet");
        } else if (path.equals("/metadata/instance/compute/userData?api-version=2021-01-01&format=text")) {
            boolean ok = "true".equals(exchange.getRequestHeaders().getFirst("Metadata"));
            reply(exchange, ok ? 200 : 400, ok ? encoded : "Required metadata header not specified");
        } else if (path.equals("/computeMetadata/v1/instance/attributes/user-data")) {
            boolean ok = "Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"));
            reply(exchange, ok ? 200 : 403, ok ? encoded : "Missing Metadata-Flavor:Google header");
        } else if (path.equals("/latest/api/token") && exchange.getRequestMethod().equals("PUT")) {
            boolean ok = imdsV2 && "60".equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds"));
            reply(exchange, ok ? 200 : 403, ok ? "session-token" : "");
        } else if (path.equals("/latest/user-data")) {
            String token = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
            boolean ok = imdsV2 ? "session-token".equals(token) : token == null;
            reply(exchange, ok ? 200 : 401, ok ? USER_DATA : "");
        } else {
            reply(exchange, 404, "not found");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private byte[] fetch(String cloud) throws IOException {
        return Sources.resolve(cloud, base).orElseThrow().fetch(Duration.ofSeconds(5));
    }

    @Test
    void azureAndGcpDecodeTheirBase64UserData() throws IOException {
        assertArrayEquals(USER_DATA.getBytes(StandardCharsets.UTF_8), fetch("azure"));
        assertArrayEquals(USER_DATA.getBytes(StandardCharsets.UTF_8), fetch("gcp"));
    }

    @Test
    void awsUsesAnImdsV2TokenWhenOffered() throws IOException {
        assertArrayEquals(USER_DATA.getBytes(StandardCharsets.UTF_8), fetch("aws"));
        assertEquals(List.of("PUT /latest/api/token", "GET /latest/user-data"), requests);
    }

    @Test
    void awsFallsBackToImdsV1() throws IOException {
        imdsV2 = false;
        assertArrayEquals(USER_DATA.getBytes(StandardCharsets.UTF_8), fetch("aws"));
    }

    @Test
    void anErrorStatusNamesTheServiceAndPath() {
        server.removeContext("/");
        server.createContext("/", exchange -> reply(exchange, 404, ""));
        IOException e = assertThrows(IOException.class, () -> fetch("azure"));
        assertTrue(e.getMessage().startsWith("azure metadata service answered 404"), e.getMessage());
    }

    @Test
    void theProvisionerRetriesUntilTheServiceAnswers() throws Exception {
        failuresLeft.set(2);
        Provisioner.Result result = new Provisioner(Sources.resolve("gcp", base), dir.resolve("out"),
                io.github.coco4j.tpm.TpmAddress.parse("none"), Duration.ofSeconds(5), Duration.ofMillis(50)).run();
        assertEquals("gcp", result.source());
        assertEquals(3, requests.size());
    }

    @Test
    void theProvisionerGivesUpAtItsDeadline() {
        failuresLeft.set(Integer.MAX_VALUE);
        Provisioner provisioner = new Provisioner(Sources.resolve("azure", base), dir.resolve("out"),
                // Room for several attempts even when the first one's cold HTTP client is slow.
                io.github.coco4j.tpm.TpmAddress.parse("none"), Duration.ofSeconds(3), Duration.ofMillis(100));
        ProvisionException e = assertThrows(ProvisionException.class, provisioner::run);
        assertTrue(e.getMessage().startsWith("no user-data from azure within"), e.getMessage());
        assertTrue(requests.size() >= 2, "retried before giving up: " + requests.size() + " request(s)");
    }
}
