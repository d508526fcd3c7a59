package io.github.coco4j.kbs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain HTTP reverse proxy on loopback that forwards to a KBS and keeps every exchange, so tests
 * can check the messages client and KBS really sent each other.
 */
public final class RecordingProxy implements AutoCloseable {
    /** One request and its answer as they crossed the wire. */
    public record Exchange(String method, String path, byte[] requestBody, int status, byte[] responseBody) {
    }

    private static final List<String> FORWARDED_REQUEST = List.of("Cookie", "Authorization", "Content-Type");
    private static final List<String> FORWARDED_RESPONSE = List.of("Set-Cookie", "Content-Type");

    private final HttpServer server;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    public RecordingProxy(URI target) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> forward(client, target, exchange));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void forward(HttpClient client, URI target, HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED_REQUEST) {
                for (String value : exchange.getRequestHeaders().getOrDefault(header, List.of())) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchanges.add(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                    response.statusCode(), response.body()));
            for (String header : FORWARDED_RESPONSE) {
                response.headers().allValues(header).forEach(v -> exchange.getResponseHeaders().add(header, v));
            }
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
