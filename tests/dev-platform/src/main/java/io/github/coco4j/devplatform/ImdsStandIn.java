package io.github.coco4j.devplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Azure IMDS as a confidential VM sees it, on loopback: the THIM certification endpoint with the
 * recorded VCEK and chain, and the TD quote endpoint answering the recorded quote for the recorded
 * TD report. Requests without {@code Metadata: true} are refused as IMDS refuses them.
 */
public final class ImdsStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /**
     * @param certificationPem the VCEK certificate followed by the AMD chain (PEM)
     * @param tdReport the TD report the quote endpoint expects, or null
     * @param tdQuote the quote it answers for that report
     */
    public ImdsStandIn(String certificationPem, byte[] tdReport, byte[] tdQuote) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        int chainStart = certificationPem.indexOf("-----BEGIN CERTIFICATE-----", 1);
        String vcek = chainStart < 0 ? certificationPem : certificationPem.substring(0, chainStart);
        String chain = chainStart < 0 ? "" : certificationPem.substring(chainStart);
        server.createContext("/metadata/THIM/amd/certification", exchange -> {
            if (admitted(exchange, "GET")) {
                respond(exchange, 200, JSON.createObjectNode().put("vcekCert", vcek).put("certificateChain", chain)
                        .put("tcbm", "").toString());
            }
        });
        server.createContext("/acc/tdquote", exchange -> {
            if (admitted(exchange, "POST")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                byte[] report = Base64.getDecoder().decode(body.path("report").asText(""));
                if (tdReport == null || !Arrays.equals(report, tdReport)) {
                    respond(exchange, 400, "{\"error\":\"unknown TD report\"}");
                } else {
                    respond(exchange, 200, JSON.createObjectNode()
                            .put("quote", Base64.getUrlEncoder().withoutPadding().encodeToString(tdQuote)).toString());
                }
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code METHOD path} of every request that reached the stand-in. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private boolean admitted(HttpExchange exchange, String method) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        if (!method.equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{}");
            return false;
        }
        if (!"true".equals(exchange.getRequestHeaders().getFirst("Metadata"))) {
            respond(exchange, 400, "{\"error\":\"Bad request. Required metadata header not specified\"}");
            return false;
        }
        return true;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
