package io.github.coco4j.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void aMessageIsKept() {
        assertEquals("disk full", Failures.describe(new IOException("disk full")));
    }

    @Test
    void failuresWithoutMessagesAreNamed() {
        assertEquals("connection refused", Failures.describe(new IOException(new ConnectException())));
        assertEquals("the connection was closed", Failures.describe(new EOFException()));
        assertEquals("IllegalStateException", Failures.describe(new IllegalStateException()));
    }

    @Test
    void theHttpClientsRefusedConnectionIsNamed() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        HttpClient client = HttpClient.newHttpClient();
        IOException refused = assertThrows(IOException.class, () -> client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.discarding()));
        assertEquals("connection refused", Failures.describe(refused));
    }
}
