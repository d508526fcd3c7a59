package io.github.coco4j.cdh.kbc;

import io.github.coco4j.aa.kbs.BoundedBodies;
import io.github.coco4j.errors.Failures;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.kbs.KbsProtocolException;
import io.github.coco4j.aa.kbs.KbsToken;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RetryPolicy;
import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.aa.kbs.TeeKeyPair;
import io.github.coco4j.json.JsonTrees;
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
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A resource is a key, a policy or a credential file; the JWE around it adds a little. */
    static final int MAX_ANSWER = 16 * 1024 * 1024;

    private final URI kbs;
    private final HttpClient http;
    private final KbsCredentialSource source;
    private final SelfAttestation selfAttestation;
    private volatile Credentials credentials;

    /**
     * The handshake the hub runs itself when the agent hands out a token the KBS no longer accepts
     * (the KBS restarted with a new token key, say): the agent caches its token until it expires.
     */
    public record SelfAttestation(Attester attester, String initDataToml) {
    }

    private record Credentials(String token, TeeKeyPair key, Optional<Instant> expiry) {
    }

    public CcKbc(URI kbs, HttpClient http, KbsCredentialSource source) {
        this(kbs, http, source, null);
    }

    public CcKbc(URI kbs, HttpClient http, KbsCredentialSource source, SelfAttestation selfAttestation) {
        this.kbs = kbs;
        this.http = http;
        this.source = source;
        this.selfAttestation = selfAttestation;
    }

    @Override
    public byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException {
        Credentials current = credentials(false);
        HttpResponse<byte[]> response = get(uri, current);
        if (response.statusCode() == 401 && !deniedByPolicy(response)) {
            Credentials refused = current;
            current = credentials(true);
            if (current.token().equals(refused.token()) && selfAttestation != null) {
                current = attestItself();
            }
            response = get(uri, current);
        }
        if (response.statusCode() == 404) {
            throw new KbcException("resource " + uri + " not found: " + detail(response), true);
        }
        if (response.statusCode() != 200) {
            throw new KbcException("KBS answered " + response.statusCode() + " for " + uri + ": " + detail(response), false);
        }
        try {
            return current.key().decrypt(JsonTrees.read(response.body()));
        } catch (IOException | KbsProtocolException e) {
            throw new KbcException("KBS response for " + uri + ": " + Failures.describe(e), e);
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
                JsonNode answer = JsonTrees.read(source.kbsCredentials());
                String token = answer.path("token").asText();
                credentials = new Credentials(token, TeeKeyPair.fromPem(answer.path("tee_keypair").asText()), expiry(token));
            } catch (IOException | RuntimeException e) {
                throw new KbcException("the attestation agent's token is not {\"token\",\"tee_keypair\"}", e);
            }
            return credentials;
        }
    }

    private synchronized Credentials attestItself() throws KbcException, InterruptedException {
        try {
            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256);
            KbsToken token = new RcarClient(kbs, http, RetryPolicy.DEFAULT)
                    .attest(selfAttestation.attester(), key, selfAttestation.initDataToml());
            credentials = new Credentials(token.jwt(), key, expiry(token.jwt()));
            return credentials;
        } catch (KbsProtocolException | AttestationException e) {
            throw new KbcException("the KBS refused the agent's token and a new attestation failed: " + e.getMessage(), e);
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
            return http.send(request, BoundedBodies.ofBytes(MAX_ANSWER));
        } catch (IOException e) {
            throw new KbcException("KBS " + kbs + " unreachable: " + Failures.describe(e), e);
        }
    }

    /** A 401 that says the policy denied the resource, not that the token is bad: new credentials would not help. */
    private static boolean deniedByPolicy(HttpResponse<byte[]> response) {
        try {
            return JsonTrees.read(response.body()).path("type").asText().endsWith("/PolicyDeny");
        } catch (IOException e) {
            return false;
        }
    }

    /** The KBS's error detail ({@code {"type","detail"}}), never the body of a success. */
    private static String detail(HttpResponse<byte[]> response) {
        try {
            JsonNode error = JsonTrees.read(response.body());
            return error.path("detail").asText(error.path("type").asText("no detail"));
        } catch (IOException e) {
            return "no detail";
        }
    }
}
