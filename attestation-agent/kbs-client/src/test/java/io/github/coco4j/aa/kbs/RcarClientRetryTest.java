package io.github.coco4j.aa.kbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.coco4j.aa.attester.sample.SampleAttester;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RcarClientRetryTest {
    @Test
    void failedHandshakesAreRetriedAsOftenAsThePolicySaysAndTheErrorNamesTheKbsAnswer() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/kbs/v0/auth", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("{\"type\":\"https://github.com/confidential-containers/kbs/errors/RcarAuthFailed\","
                    + "\"detail\":\"nope\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            RcarClient client = new RcarClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    KbsHttpClients.forCertificate(null), new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)));
            KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> client.attest(
                    new SampleAttester(), TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
            assertEquals(3, requests.get());
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("RcarAuthFailed - nope"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aKbsThatIsNotThereIsNamedAsRefusingTheConnection() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        RcarClient client = new RcarClient(URI.create("http://127.0.0.1:" + port),
                KbsHttpClients.forCertificate(null), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)));
        KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> client.attest(
                new SampleAttester(), TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
        assertTrue(e.getMessage().endsWith("failed: connection refused"), e.getMessage());
    }

    @Test
    void aStallingKbsCostsNoMoreThanTheBudget() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/kbs/v0/auth", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            RcarClient client = new RcarClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    KbsHttpClients.forCertificate(null), new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(100),
                            Duration.ofMillis(300), Duration.ofMillis(1000)));
            long start = System.nanoTime();
            KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> client.attest(
                    new SampleAttester(), TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 5_000, "gave up after " + millis + " ms");
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefused() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/kbs/v0/auth", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
            byte[] chunk = new byte[64 * 1024];
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException e) {
                // the client hung up once it had enough
            }
        });
        server.start();
        try {
            RcarClient client = new RcarClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    KbsHttpClients.forCertificate(null), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)));
            KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> client.attest(
                    new SampleAttester(), TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
            assertTrue(e.getMessage().endsWith("the answer is larger than 1048576 bytes"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void backOffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(250), policy.delayBefore(2));
        assertEquals(Duration.ofMillis(500), policy.delayBefore(3));
        assertEquals(Duration.ofSeconds(1), policy.delayBefore(4));
        assertEquals(Duration.ofSeconds(1), policy.delayBefore(6));
    }
}
