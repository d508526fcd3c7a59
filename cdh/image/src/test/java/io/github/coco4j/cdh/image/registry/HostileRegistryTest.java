package io.github.coco4j.cdh.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry on loopback that misbehaves: oversized manifests, stalls, lying digests, unanswerable auth. */
class HostileRegistryTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/v2/huge/manifests/v1", ex -> {
            ex.sendResponseHeaders(200, 100L << 20);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[1 << 20];
                for (int i = 0; i < 100; i++) {
                    out.write(chunk);
                }
            } catch (IOException clientGaveUp) {
                // Expected: the client stops reading at its bound.
            }
        });
        server.createContext("/v2/stall/", ex -> {
            await();
            ex.close();
        });
        server.createContext("/v2/trickle/blobs/", ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write(new byte[10]);
            ex.getResponseBody().flush();
            await();
            ex.close();
        });
        server.createContext("/v2/liar/manifests/v1", ex -> {
            byte[] body = "{\"schemaVersion\":2}".getBytes();
            ex.getResponseHeaders().add("Docker-Content-Digest", Digest.sha256("other".getBytes()).toString());
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/v2/private/manifests/v1", ex -> {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"x\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
        });
        server.start();
    }

    private void await() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private RegistryClient client(String repository, Duration timeout) {
        String registry = "127.0.0.1:" + server.getAddress().getPort();
        RegistryRules.Endpoint endpoint = new RegistryRules.Endpoint(ImageReference.parse(registry + "/" + repository + ":v1"), true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new RegistryClient(http, endpoint, Optional.empty(), timeout);
    }

    @Test
    void aHundredMegabyteManifestIsRefusedAtTheBound() {
        ImageException e = assertThrows(ImageException.class, () -> client("huge", Duration.ofSeconds(10)).manifest("v1", 4 << 20));
        assertEquals(ImageException.Stage.MANIFEST, e.stage());
        assertTrue(e.getMessage().contains("larger than 4194304 bytes"), e.getMessage());
    }

    @Test
    void aRegistryThatNeverAnswersTimesOut() {
        ImageException e = assertThrows(ImageException.class, () -> client("stall", Duration.ofMillis(500)).manifest("v1", 1 << 20));
        assertEquals(ImageException.Stage.TRANSPORT, e.stage());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void aBlobThatStallsMidwayIsAbandoned() throws Exception {
        var in = client("trickle", Duration.ofSeconds(5)).blob(Digest.sha256(new byte[0]), Duration.ofMillis(300));
        IOException e = assertThrows(IOException.class, in::readAllBytes);
        assertTrue(e.getMessage().contains("sent nothing for 300 ms"), e.getMessage());
    }

    @Test
    void aManifestWhoseDigestHeaderDiffersIsRefused() {
        ImageException e = assertThrows(ImageException.class, () -> client("liar", Duration.ofSeconds(5)).manifest("v1", 1 << 20));
        assertTrue(e.getMessage().contains("Docker-Content-Digest"), e.getMessage());
    }

    @Test
    void basicAuthWithoutCredentialsIsAnAuthFailure() {
        ImageException e = assertThrows(ImageException.class, () -> client("private", Duration.ofSeconds(5)).manifest("v1", 1 << 20));
        assertEquals(ImageException.Stage.AUTH, e.stage());
        assertTrue(e.getMessage().contains("no credentials are configured"), e.getMessage());
    }
}
