package io.github.coco4j.kbs.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KbsHttpServerTest {
    @Test
    void clientsStallingInTheirBodiesNeitherBlockOthersNorStay() throws Exception {
        try (KbsHttpServer server = KbsHttpServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), null, exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        })) {
            URI url = URI.create(server.urls().get(0));
            List<Socket> stalled = new ArrayList<>();
            try {
                // Twice the workers the KBS once had: others are still answered at once.
                for (int i = 0; i < 8; i++) {
                    stalled.add(stall(url));
                }
                assertAnswered(url, UNBLOCKED);
                // More than every worker: cut off after the request time, then the KBS serves again.
                for (int i = 0; i < 24; i++) {
                    stalled.add(stall(url));
                }
                for (Socket socket : stalled) {
                    assertEquals(-1, readUntilClosed(socket), "the server closed a stalled request");
                }
                assertAnswered(url, UNBLOCKED);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    /**
     * A request queued behind stalled ones would wait until the server cuts them off after
     * {@code REQUEST_SECONDS}; anything sooner shows it was not queued, even on a loaded machine.
     */
    private static final Duration UNBLOCKED = Duration.ofSeconds(KbsHttpServer.REQUEST_SECONDS - 1);

    private static void assertAnswered(URI url, Duration within) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url.resolve("/kbs/v0/auth")).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, answer.statusCode());
        assertTrue(System.nanoTime() - start < within.toNanos(), "answered in time");
    }

    /** A connection that announces a 1000-byte body and sends one byte of it. */
    private static Socket stall(URI url) throws IOException {
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout((KbsHttpServer.REQUEST_SECONDS + 10) * 1000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /kbs/v0/auth HTTP/1.1\r\nHost: kbs\r\nContent-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static int readUntilClosed(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
