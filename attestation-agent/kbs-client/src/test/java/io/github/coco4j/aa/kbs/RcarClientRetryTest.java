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
                    KbsHttpClients.create(null), new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)));
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
                KbsHttpClients.create(null), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)));
        KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> client.attest(
                new SampleAttester(), TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
        assertTrue(e.getMessage().endsWith("failed: connection refused"), e.getMessage());
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
