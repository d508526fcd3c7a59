package io.github.coco4j.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpenHttpClientsTest {
    private static Set<Thread> selectorThreads() {
        return threadsNamed(name -> name.endsWith("SelectorManager"));
    }

    private static Set<Thread> threadsNamed(Predicate<String> name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> name.test(t.getName()))
                .collect(Collectors.toSet());
    }

    /**
     * Many requests under way at once: their answers are completed on the shared workers, never
     * more of them than processors (at least two), and the client makes no pool of its own.
     */
    @Test
    void requestsUnderWayShareABoundedSetOfWorkers() throws Exception {
        int requests = 24;
        CountDownLatch arrived = new CountDownLatch(requests);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), requests);
        ExecutorService handlers = Executors.newFixedThreadPool(requests);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            arrived.countDown();
            try {
                arrived.await(10, TimeUnit.SECONDS); // every request is under way before any is answered
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = OpenHttpClients.build(HttpClient.newBuilder());
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            // The body handler runs as one of the client's tasks: where it runs is where they do.
            Set<String> ranOn = ConcurrentHashMap.newKeySet();
            HttpResponse.BodyHandler<String> body = info -> {
                ranOn.add(Thread.currentThread().getName());
                return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
            };
            List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, requests)
                    .mapToObj(i -> client.sendAsync(HttpRequest.newBuilder(uri).build(), body)).toList();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertEquals("ok", answer.get(20, TimeUnit.SECONDS).body());
            }
            assertTrue(ranOn.stream().allMatch(name -> name.startsWith(OpenHttpClients.WORKER_PREFIX)), ranOn.toString());
            int bound = Math.max(2, Runtime.getRuntime().availableProcessors());
            assertTrue(threadsNamed(name -> name.startsWith(OpenHttpClients.WORKER_PREFIX)).size() <= bound);
            assertEquals(Set.of(), threadsNamed(name -> name.matches("HttpClient-\\d+-Worker-\\d+")),
                    "the client's own pool");
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
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
