package io.github.coco4j.cdh.kbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.aa.kbs.KbsProtocolException;
import io.github.coco4j.aa.kbs.TeeKeyPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cc_kbc: GET {@code /kbs/v0/resource/<repo>/<type>/<tag>} with the attestation agent's token
 * as a Bearer token, and the JWE answer decrypted with the TEE key the token certifies. A 401
 * (the token expired or was revoked) fetches new credentials once and retries.
 */
public final class CcKbc implements Kbc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI kbs;
    private final HttpClient http;
    private final KbsCredentialSource source;
    private volatile Credentials credentials;

    private record Credentials(String token, TeeKeyPair key, Optional<Instant> expiry) {
    }

    public CcKbc(URI kbs, HttpClient http, KbsCredentialSource source) {
        this.kbs = kbs;
        this.http = http;
        this.source = source;
    }

    @Override
    public byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException {
        Credentials current = credentials(false);
        HttpResponse<byte[]> response = get(uri, current);
        if (response.statusCode() == 401) {
            current = credentials(true);
            response = get(uri, current);
        }
        if (response.statusCode() == 404) {
            throw new KbcException("resource " + uri + " not found: " + detail(response), true);
        }
        if (response.statusCode() != 200) {
            throw new KbcException("KBS answered " + response.statusCode() + " for " + uri + ": " + detail(response), false);
        }
        try {
            return current.key().decrypt(JSON.readTree(response.body()));
        } catch (IOException | KbsProtocolException e) {
            throw new KbcException("KBS response for " + uri + ": " + e.getMessage(), e);
        }
    }

    private Credentials credentials(boolean renew) throws KbcException, InterruptedException {
        Credentials current = credentials;
        if (current != null && !renew) {
            return current;
        }
        synchronized (this) {
            if (credentials != null && credentials != current) {
                return credentials;
            }
            try {
                JsonNode answer = JSON.readTree(source.kbsCredentials());
                String token = answer.path("token").asText();
                credentials = new Credentials(token, TeeKeyPair.fromPem(answer.path("tee_keypair").asText()), expiry(token));
            } catch (IOException | RuntimeException e) {
                throw new KbcException("the attestation agent's token is not {\"token\",\"tee_keypair\"}", e);
            }
            return credentials;
        }
    }

    @Override
    public Optional<Instant> credentialsExpiry() {
        Credentials current = credentials;
        return current == null ? Optional.empty() : current.expiry();
    }

    /** The JWT's {@code exp}, if it has one. */
    private static Optional<Instant> expiry(String token) {
        try {
            java.util.Date exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(java.util.Date::toInstant);
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<byte[]> get(ResourceUri uri, Credentials c) throws KbcException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(kbs.resolve("/kbs/v0/resource/" + uri.path()))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + c.token())
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new KbcException("KBS " + kbs + " unreachable: " + e.getMessage(), e);
        }
    }

    /** The KBS's error detail ({@code {"type","detail"}}), never the body of a success. */
    private static String detail(HttpResponse<byte[]> response) {
        try {
            JsonNode error = JSON.readTree(response.body());
            return error.path("detail").asText(error.path("type").asText("no detail"));
        } catch (IOException e) {
            return "no detail";
        }
    }
}
