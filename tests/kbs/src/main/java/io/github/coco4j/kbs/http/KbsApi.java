package io.github.coco4j.kbs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.kbs.attestation.AttestationTokens;
import io.github.coco4j.kbs.attestation.RcarService;
import io.github.coco4j.kbs.protocol.KbsError;
import io.github.coco4j.kbs.resource.ResourcePolicy;
import io.github.coco4j.kbs.resource.ResourceRepository;
import io.github.coco4j.kbs.resource.ResponseEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The KBS HTTP API under {@code /kbs/v0}: {@code POST auth}, {@code POST attest} and
 * {@code GET resource/<repository>/<type>/<tag>} (token from the session cookie or a Bearer
 * header, resource policy, JWE answer). Errors are Trustee's JSON error documents.
 */
public final class KbsApi implements HttpHandler {
    public static final String PREFIX = "/kbs/v0/";
    private static final Logger LOG = Logger.getLogger(KbsApi.class.getName());
    private static final int MAX_BODY = 2 * 1024 * 1024;
    private static final String TEE_PUBKEY = "/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/tee-pubkey";

    private final RcarService rcar;
    private final AttestationTokens tokens;
    private final ResourceRepository repository;
    private final ResourcePolicy policy;

    /** @param repository null when no resource plugin is configured */
    public KbsApi(RcarService rcar, AttestationTokens tokens, ResourceRepository repository, ResourcePolicy policy) {
        this.rcar = rcar;
        this.tokens = tokens;
        this.repository = repository;
        this.policy = policy;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (KbsError e) {
                LOG.info(() -> exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " -> "
                        + e.variant().status() + " " + e.variant() + ": " + e.getMessage());
                ObjectNode error = JsonNodeFactory.instance.objectNode();
                error.put("type", e.type());
                error.put("detail", e.getMessage());
                send(exchange, e.variant().status(), error);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "internal error serving " + exchange.getRequestURI().getPath(), e);
                exchange.sendResponseHeaders(500, -1);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, KbsError {
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(PREFIX)) {
            throw new KbsError(KbsError.Variant.InvalidRequestPath, "Request path " + path + " is invalid");
        }
        List<String> parts = Arrays.asList(path.substring(PREFIX.length()).split("/", -1));
        String method = exchange.getRequestMethod();
        String plugin = parts.get(0);
        if ("auth".equals(plugin) && "POST".equals(method) && parts.size() == 1) {
            answer(exchange, rcar.auth(body(exchange)));
        } else if ("attest".equals(plugin) && "POST".equals(method) && parts.size() == 1) {
            answer(exchange, rcar.attest(body(exchange), sessionId(exchange)));
        } else if ("resource".equals(plugin) && "GET".equals(method) && repository != null) {
            resource(exchange, parts.subList(1, parts.size()));
        } else {
            throw new KbsError(KbsError.Variant.PluginNotFound, "Plugin " + plugin + " not found");
        }
    }

    private void resource(HttpExchange exchange, List<String> resourcePath) throws IOException, KbsError {
        ResourceRepository.checkPath(resourcePath);
        JsonNode claims = claims(exchange);
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("plugin", "resource");
        resourcePath.forEach(request.putArray("resource-path")::add);
        request.putObject("query");
        boolean allowed;
        try {
            allowed = policy.allows(claims, request);
        } catch (ResourcePolicy.PolicyException e) {
            LOG.warning(() -> "resource policy error, denying: " + e.getMessage());
            allowed = false;
        }
        if (!allowed) {
            throw new KbsError(KbsError.Variant.PolicyDeny, "Access denied by policy");
        }
        byte[] resource = repository.read(resourcePath);
        JsonNode teePubkey = claims.at(TEE_PUBKEY);
        if (teePubkey.isMissingNode()) {
            throw new KbsError(KbsError.Variant.TokenVerifierError, "Token Verifier error: no tee-pubkey claim");
        }
        send(exchange, 200, ResponseEncryption.seal(teePubkey, resource));
    }

    /** Claims of the session's token, else of the Bearer token. */
    private JsonNode claims(HttpExchange exchange) throws KbsError {
        Optional<String> token = sessionId(exchange).flatMap(rcar::sessionToken);
        if (token.isEmpty()) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = Optional.of(authorization.substring(7).strip());
            }
        }
        if (token.isEmpty()) {
            throw new KbsError(KbsError.Variant.TokenNotFound, "Attestation Token not found");
        }
        try {
            return tokens.verify(token.get());
        } catch (AttestationTokens.TokenException e) {
            throw new KbsError(KbsError.Variant.TokenVerifierError, "Token Verifier error: " + e.getMessage());
        }
    }

    private static Optional<String> sessionId(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String[] pair = cookie.strip().split("=", 2);
                if (pair.length == 2 && RcarClient.SESSION_COOKIE.equals(pair[0].strip())) {
                    return Optional.of(pair[1].strip());
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] body(HttpExchange exchange) throws IOException, KbsError {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new KbsError(KbsError.Variant.PayloadTooLarge, "request body exceeds " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private static void answer(HttpExchange exchange, RcarService.Answer answer) throws IOException {
        exchange.getResponseHeaders().add("Set-Cookie", RcarClient.SESSION_COOKIE + "=" + answer.sessionId()
                + "; Expires=" + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        answer.sessionExpiry().atOffset(ZoneOffset.UTC)));
        send(exchange, 200, answer.body());
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
