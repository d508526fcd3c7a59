package io.github.coco4j.aa.kbs;

import io.github.coco4j.errors.Failures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client side of the KBS "Request–Challenge–Attestation–Response" handshake, protocol 0.4.0:
 * {@code POST /kbs/v0/auth} for a nonce and session cookie, then {@code POST /kbs/v0/attest} with
 * the TEE public key, the evidence bound to both, and the initdata when known.
 */
public final class RcarClient {
    public static final String PROTOCOL_VERSION = "0.4.0";
    public static final String SESSION_COOKIE = "kbs-session-id";
    private static final Logger LOG = Logger.getLogger(RcarClient.class.getName());
    /** Challenges and tokens are a few KB; evidence goes the other way. */
    static final int MAX_ANSWER = 1024 * 1024;
    private static final HashAlgorithm DEFAULT_HASH = HashAlgorithm.SHA384;

    private final URI kbs;
    private final HttpClient http;
    private final RetryPolicy retry;

    /** @param kbs the KBS base URL, e.g. {@code https://kbs.example:8080} */
    public RcarClient(URI kbs, HttpClient http, RetryPolicy retry) {
        this.kbs = kbs;
        this.http = http;
        this.retry = retry;
    }

    /** Runs the handshake, retrying failed attempts, and returns the token the KBS issued. */
    public KbsToken attest(Attester attester, TeeKeyPair key, String initDataToml)
            throws KbsProtocolException, AttestationException, InterruptedException {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return handshake(attester, key, initDataToml);
            } catch (KbsProtocolException | AttestationException e) {
                Duration wait = retry.delayBefore(attempt + 1);
                if (!retry.allows(attempt + 1, Duration.ofNanos(System.nanoTime() - start), wait)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "RCAR handshake attempt {0} failed ({1}); retrying in {2} ms",
                        new Object[] {attempt, e.getMessage(), wait.toMillis()});
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private KbsToken handshake(Attester attester, TeeKeyPair key, String initDataToml)
            throws KbsProtocolException, AttestationException, InterruptedException {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("version", PROTOCOL_VERSION);
        request.put("tee", attester.tee().wireName());
        ArrayNode algorithms = request.putObject("extra-params").putArray("supported-hash-algorithms");
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            algorithms.add(algorithm.wireName());
        }
        HttpResponse<String> authResponse = post("auth", request, null);
        JsonNode challenge = body(authResponse, "auth");
        String session = sessionCookie(authResponse);
        JsonNode nonceNode = challenge.get("nonce");
        if (nonceNode == null || !nonceNode.isTextual()) {
            throw new KbsProtocolException("KBS challenge has no nonce string");
        }
        String nonce = nonceNode.asText();
        HashAlgorithm hash = selectedHash(challenge.get("extra-params"));

        JsonNode teePubkey = key.publicJwk();
        byte[] reportData = RuntimeDataBinding.reportData(nonce, teePubkey, "", hash);
        ObjectNode attestation = JsonNodeFactory.instance.objectNode();
        if (initDataToml != null) {
            ObjectNode initData = attestation.putObject("init-data");
            initData.put("format", "toml");
            initData.put("body", initDataToml);
        }
        attestation.set("runtime-data", RuntimeDataBinding.runtimeData(nonce, teePubkey));
        ObjectNode evidence = attestation.putObject("tee-evidence");
        evidence.set("primary_evidence", attester.evidence(reportData));
        evidence.put("additional_evidence", "");
        JsonNode result = body(post("attest", attestation, session), "attest");
        JsonNode token = result.get("token");
        if (token == null || !token.isTextual()) {
            throw new KbsProtocolException("KBS attest answer has no token string");
        }
        return KbsToken.parse(token.asText());
    }

    private static HashAlgorithm selectedHash(JsonNode extraParams) throws KbsProtocolException {
        JsonNode selected = extraParams == null ? null : extraParams.get("selected-hash-algorithm");
        if (selected == null) {
            return DEFAULT_HASH;
        }
        if (!selected.isTextual()) {
            throw new KbsProtocolException("KBS challenge: selected-hash-algorithm is not a string: " + JsonTrees.write(selected));
        }
        try {
            return HashAlgorithm.fromWireName(selected.asText());
        } catch (IllegalArgumentException e) {
            throw new KbsProtocolException("KBS challenge: " + e.getMessage());
        }
    }

    private HttpResponse<String> post(String endpoint, JsonNode body, String session)
            throws KbsProtocolException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(endpoint))
                .timeout(retry.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonTrees.write(body)));
        if (session != null) {
            request.header("Cookie", SESSION_COOKIE + "=" + session);
        }
        try {
            return http.send(request.build(), BoundedBodies.ofString(MAX_ANSWER));
        } catch (IOException e) {
            throw new KbsProtocolException("KBS " + endpoint + " request to " + kbs + " failed: " + Failures.describe(e), e);
        }
    }

    private URI endpoint(String name) {
        String base = kbs.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/kbs/v0/" + name);
    }

    private static JsonNode body(HttpResponse<String> response, String endpoint) throws KbsProtocolException {
        if (response.statusCode() != 200) {
            throw new KbsProtocolException("KBS " + endpoint + " answered " + response.statusCode() + ": "
                    + KbsErrors.describe(response.body()), response.statusCode(), null);
        }
        try {
            return JsonTrees.read(response.body());
        } catch (IOException e) {
            throw new KbsProtocolException("KBS " + endpoint + " answer is not JSON: " + Failures.describe(e), e);
        }
    }

    private static String sessionCookie(HttpResponse<String> response) throws KbsProtocolException {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        for (String header : cookies) {
            Optional<String> value = KbsErrors.cookieValue(header, SESSION_COOKIE);
            if (value.isPresent()) {
                return value.get();
            }
        }
        throw new KbsProtocolException("KBS auth answer set no " + SESSION_COOKIE + " cookie");
    }
}
