package io.github.coco4j.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenHttpClientsTest {
    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().endsWith("SelectorManager"))
                .collect(Collectors.toSet());
    }

    /**
     * On JDK 21 and later a stopped client's selector thread ends and the client takes no new
     * request; before that the client cannot be stopped and stays as it is.
     */
    @Test
    void stoppingTheClientsEndsTheirSelectorThreadsWhereTheJvmCan() throws Exception {
        Set<Thread> before = selectorThreads();
        HttpClient client = OpenHttpClients.build(HttpClient.newBuilder());
        List<Thread> selectors = selectorThreads().stream().filter(t -> !before.contains(t)).toList();
        assertEquals(1, selectors.size(), "the new client's selector thread");
        Thread selector = selectors.get(0);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/")).build();

        int stopped = OpenHttpClients.stopAll();
        if (OpenHttpClients.canStop()) {
            assertNotEquals(0, stopped);
            selector.join(10_000);
            assertFalse(selector.isAlive(), "the selector thread ended");
            assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.discarding()));
        } else {
            assertEquals(0, stopped);
            assertTrue(selector.isAlive(), "JDK " + Runtime.version().feature() + " cannot stop a client");
        }
        assertEquals(0, OpenHttpClients.stopAll(), "a client is stopped once");
    }
}
