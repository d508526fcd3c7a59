package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The server over real sockets: curl and java.net.http in front, a gRPC backend on a unix socket behind. */
class ApiServerRestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static final FakeBackends.DataHub DATA_HUB = new FakeBackends.DataHub();
    private static Listener backends;
    private static TestServer all;
    private static TestServer resourceOnly;
    private static TestServer attestationOnly;
    private static TestServer noBackends;

    @BeforeAll
    static void start() throws Exception {
        Path socket = dir.resolve("run/backends.sock");
        backends = Transports.serve("unix://" + socket, DATA_HUB.bindService(), new FakeBackends.Agent().bindService());
        all = TestServer.loopback(Features.ALL, socket, DEADLINE);
        resourceOnly = TestServer.loopback(Features.RESOURCE, socket, DEADLINE);
        attestationOnly = TestServer.loopback(Features.ATTESTATION, socket, DEADLINE);
        noBackends = TestServer.loopback(Features.ALL, dir.resolve("run/absent.sock"), DEADLINE);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {all, resourceOnly, attestationOnly, noBackends, backends}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the next one still has to be closed
            }
        }
    }

    private static Curl.Answer curl(TestServer server, String path, String... options) throws Exception {
        return Curl.get(dir, server.url(path), options);
    }

    private static void assertAnswer(int status, String text, Curl.Answer answer) {
        assertEquals(status, answer.status(), answer.text());
        assertEquals(text, answer.text());
    }

    @Test
    void resourceBytesPassThroughExactly() throws Exception {
        Curl.Answer answer = curl(resourceOnly, "/cdh/resource/default/key/1");
        assertEquals(200, answer.status(), answer.text());
        assertArrayEquals(FakeBackends.KEY, answer.body());
        assertTrue(DATA_HUB.asked.contains("kbs:///default/key/1"), DATA_HUB.asked.toString());
    }

    @Test
    void javaHttpClientGetsOctetStreamThatNoCacheKeeps() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(all.url("/cdh/resource/default/key/1")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
        assertArrayEquals(FakeBackends.KEY, response.body());

        HttpResponse<byte[]> empty = client.send(HttpRequest.newBuilder(URI.create(all.url("/cdh/resource/default/key/empty")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, empty.statusCode());
        assertEquals(0, empty.body().length);
    }

    @Test
    void notFoundTexts() throws Exception {
        assertAnswer(404, "URL NOT FOUND", curl(all, "/unknown"));
        assertAnswer(404, "URL NOT FOUND", curl(all, "/aa/unknown"));
        assertAnswer(404, "URL NOT FOUND", curl(all, "/cdh/secret/default/key/1"));
        assertAnswer(404, "Attestation Feature Not Enabled", curl(resourceOnly, "/aa/evidence?runtime_data=x"));
        assertAnswer(404, "Attestation Feature Not Enabled", curl(resourceOnly, "/aa/token?token_type=kbs"));
        assertAnswer(404, "Resource Feature Not Enabled", curl(attestationOnly, "/cdh/resource/default/key/1"));
    }

    @Test
    void missingOrBadParametersAreBadRequests() throws Exception {
        assertAnswer(400, "BAD REQUEST", curl(all, "/aa/evidence"));
        assertAnswer(400, "BAD REQUEST", curl(all, "/aa/evidence?encoding=base64"));
        assertAnswer(400, "BAD REQUEST", curl(all, "/aa/token"));
        assertAnswer(400, "BAD REQUEST", curl(all, "/aa/evidence?runtime_data=eHg%3D&encoding=base64"));
        assertAnswer(400, "BAD REQUEST", curl(all, "/aa/evidence?runtime_data=xx&encoding=hex"));
    }

    @Test
    void evidenceIsBoundToTheRuntimeDataAsGivenOrDecoded() throws Exception {
        Curl.Answer plain = curl(attestationOnly, "/aa/evidence?runtime_data=hello%20world");
        assertEquals(200, plain.status(), plain.text());
        assertEquals("hello world", new String(Base64.getDecoder().decode(
                JSON.readTree(plain.body()).get("report_data").asText()), StandardCharsets.UTF_8));

        Curl.Answer decoded = curl(attestationOnly, "/aa/evidence?runtime_data=AAEC_w&encoding=base64");
        assertEquals(200, decoded.status(), decoded.text());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff},
                Base64.getDecoder().decode(JSON.readTree(decoded.body()).get("report_data").asText()));
    }

    @Test
    void tokenIsTheAgentsDocument() throws Exception {
        Curl.Answer answer = curl(all, "/aa/token?token_type=kbs");
        assertEquals(200, answer.status(), answer.text());
        assertEquals(FakeBackends.TOKEN, answer.text());
    }

    @Test
    void infoNamesTheTeeWhenTheAgentIsABackend() throws Exception {
        Curl.Answer answer = curl(all, "/info");
        assertEquals(200, answer.status(), answer.text());
        JsonNode info = JSON.readTree(answer.body());
        assertEquals("sample", info.get("tee").asText());
        assertEquals("all", info.get("feature").asText());
        assertEquals(Version.get(), info.get("version").asText());
        assertFalse(info.has("additional_tees"));
    }

    @Test
    void pathTraversalIsRefusedAndNeverReachesTheDataHub() throws Exception {
        for (String path : List.of("/cdh/resource/../../etc/passwd", "/cdh/resource/default/../../key/1",
                "/cdh/resource/%2e%2e/%2e%2e/etc/passwd", "/cdh/resource/%2E%2E/key/1",
                "/cdh/resource/default%2fkey/1/x", "/cdh/resource/default/key/1%2F..%2F2",
                "/cdh/resource/default/key/%252e%252e", "/cdh/resource/default/key", "/cdh/resource/default/key/1/",
                "/cdh/resource/default//1")) {
            assertAnswer(400, "BAD REQUEST", curl(all, path));
        }
        assertTrue(DATA_HUB.asked.stream().noneMatch(uri -> uri.contains("..") || uri.contains("%")),
                DATA_HUB.asked.toString());
    }

    @Test
    void backendErrorsAre500WithTheirText() throws Exception {
        assertAnswer(500, "Failed to get resource: KBS: resource kbs:///default/key/missing not found (ResourceNotFound)",
                curl(all, "/cdh/resource/default/key/missing"));
        assertAnswer(500, "Failed to get token: unsupported token type oidc", curl(all, "/aa/token?token_type=oidc"));
    }

    @Test
    void absentBackendSocketsAre500NamingTheSocket() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            Curl.Answer resource = curl(noBackends, "/cdh/resource/default/key/1");
            assertEquals(500, resource.status(), resource.text());
            assertEquals("Failed to get resource: the confidential data hub is not reachable at unix://"
                    + dir.resolve("run/absent.sock") + " (No such file or directory)", resource.text());
            Curl.Answer token = curl(noBackends, "/aa/token?token_type=kbs");
            assertEquals(500, token.status(), token.text());
            assertTrue(token.text().startsWith("Failed to get token: the attestation agent is not reachable"),
                    token.text());
        }
    }

    /** The data hub may start after this server: the first request after it does must reach it. */
    @Test
    void aBackendThatStartsLateIsUsedAtOnce() throws Exception {
        Path socket = dir.resolve("run/late.sock");
        try (TestServer server = TestServer.loopback(Features.RESOURCE, socket, DEADLINE)) {
            assertEquals(500, curl(server, "/cdh/resource/default/key/1").status());
            try (Listener late = Transports.serve("unix://" + socket, new FakeBackends.DataHub().bindService())) {
                Curl.Answer answer = curl(server, "/cdh/resource/default/key/1");
                assertEquals(200, answer.status(), answer.text());
                assertArrayEquals(FakeBackends.KEY, answer.body());
            }
        }
    }

    @Test
    void aBackendThatDoesNotAnswerIsCutOffByTheDeadline() throws Exception {
        try (TestServer impatient = TestServer.loopback(Features.RESOURCE, dir.resolve("run/backends.sock"),
                Duration.ofSeconds(1))) {
            assertAnswer(500, "Failed to get resource: the confidential data hub did not answer within 1 s",
                    curl(impatient, "/cdh/resource/default/key/slow"));
        }
    }

    @Test
    void curlKeepsOneConnectionForSeveralRequests() throws Exception {
        String out = Curl.run(List.of("curl", "-sS", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
                "-w", "%{http_code} %{num_connects}\\n", all.url("/cdh/resource/default/key/1"),
                all.url("/unknown"), all.url("/aa/token?token_type=kbs")));
        assertEquals(List.of("200 1", "404 0", "200 0"), out.lines().toList());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), all.port())) {
            socket.setSoTimeout(30_000);
            String requests = "GET /cdh/resource/default/key/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /unknown HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /aa/evidence?runtime_data=abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            RawHttp.Response first = RawHttp.read(in);
            assertEquals(200, first.status());
            assertArrayEquals(FakeBackends.KEY, first.body());
            RawHttp.Response second = RawHttp.read(in);
            assertEquals(404, second.status());
            assertEquals("URL NOT FOUND", second.text());
            RawHttp.Response third = RawHttp.read(in);
            assertEquals(200, third.status(), third.text());
            assertTrue(third.text().contains("\"report_data\":\"YWJj\""), third.text());
            assertEquals("close", third.header("connection"));
            assertEquals(-1, in.read(), "the server closes after a request that asked it to");
        }
    }

    @ParameterizedTest
    @CsvSource({"HTTP/2.0, 505", "HTTP/3.0, 505", "HTTP/0.9, 400", "HTTP/1.2, 400"})
    void requestLinesOfOtherHttpVersionsAreRefusedInHttp11(String version, int status) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), all.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /info " + version + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            RawHttp.Response answer = RawHttp.read(in);
            assertEquals(status, answer.status(), answer.text());
            assertEquals("HTTP/1.1", answer.version());
            assertEquals(-1, in.read(), "the server closes after refusing the request line");
        }
    }

    @Test
    void escapedResourceNamesReachTheHubDecoded() throws Exception {
        assertEquals(200, curl(all, "/cdh/resource/default/key/%31").status());
        assertEquals(400, curl(all, "/cdh/resource/default/key/1%20x").status());
    }

    @Test
    void requestBodiesAndOversizedHeadersAreRefused() throws Exception {
        assertEquals(413, curl(all, "/cdh/resource/default/key/1", "-X", "POST", "-d", "secret").status());
        assertEquals(431, curl(all, "/info", "-H", "X-Padding: " + "a".repeat(9000)).status());
        assertEquals(414, curl(all, "/cdh/resource/default/key/" + "a".repeat(5000)).status());
        assertAnswer(405, "Method Not Allowed", curl(all, "/cdh/resource/default/key/1", "-X", "DELETE"));
        assertAnswer(200, "{\"version\":\"" + Version.get() + "\",\"tee\":\"sample\",\"feature\":\"all\"}",
                curl(all, "/info"));
    }

    /** Whatever address the server is bound to, callers from elsewhere get 403. */
    @Test
    void nonLoopbackPeersAreForbidden() throws Exception {
        InetAddress routable = routableAddress();
        assumeTrue(routable != null, "no non-loopback IPv4 address to bind");
        try (TestServer exposed = new TestServer(routable, Features.ALL, dir.resolve("run/backends.sock"), DEADLINE)) {
            assertAnswer(403, "Forbidden", curl(exposed, "/info"));
            assertAnswer(403, "Forbidden", curl(exposed, "/cdh/resource/default/key/1"));
            assertAnswer(403, "Forbidden", curl(exposed, "/aa/token?token_type=kbs"));
        }
    }

    private static InetAddress routableAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }
}
