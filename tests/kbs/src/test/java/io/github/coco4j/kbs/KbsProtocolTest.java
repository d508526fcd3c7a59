package io.github.coco4j.kbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.sample.SampleAttester;
import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.aa.kbs.KbsProtocolException;
import io.github.coco4j.aa.kbs.KbsToken;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RetryPolicy;
import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.aa.kbs.TeeKeyPair;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.kbs.resource.ResourcePolicy;
import io.github.coco4j.kbs.testing.DevKbs;
import io.github.coco4j.kbs.testing.OpenApiSchemas;
import io.github.coco4j.kbs.testing.RecordingProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The RCAR exchange between the attestation agent's client and the development KBS, over real HTTP. */
class KbsProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    private static final ResourcePolicy ALLOW_ALL = (claims, request) -> true;
    /**
     * kbs.yaml refers to RuntimeData without defining it; this is its definition in the protocol's
     * Rust types (kbs-types): the challenge nonce and the TEE public key.
     */
    private static final String RUNTIME_DATA_SCHEMA = "{\"type\":\"object\",\"required\":[\"nonce\",\"tee-pubkey\"],"
            + "\"properties\":{\"nonce\":{\"type\":\"string\"},"
            + "\"tee-pubkey\":{\"$ref\":\"#/components/schemas/TeePubKey\"}}}";
    private static final byte[] SECRET = "resource bytes \u0000\u0001\u00fe".getBytes(StandardCharsets.ISO_8859_1);
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    @BeforeEach
    void repository() throws Exception {
        Files.createDirectories(dir.resolve("repo/default/key"));
        Files.write(dir.resolve("repo/default/key/k1"), SECRET);
    }

    private DevKbs kbs(boolean allowSample, ResourcePolicy policy) throws Exception {
        return DevKbs.start(dir.resolve("repo"), Optional.empty(), allowSample, policy, Duration.ofMinutes(5));
    }

    private static RcarClient client(URI url, RetryPolicy retry) {
        return new RcarClient(url, KbsHttpClients.forCertificate(null), retry);
    }

    @ParameterizedTest
    @EnumSource(TeeKeyAlgorithm.class)
    void everyMessageConformsToTheProtocolAndTheResourceDecrypts(TeeKeyAlgorithm algorithm) throws Exception {
        OpenApiSchemas schemas = OpenApiSchemas.load(TestData.path("attestation/kbs-openapi/kbs.yaml"),
                Map.of("RuntimeData", RUNTIME_DATA_SCHEMA));
        try (DevKbs kbs = kbs(true, ALLOW_ALL); RecordingProxy proxy = new RecordingProxy(kbs.url())) {
            TeeKeyPair key = TeeKeyPair.generate(algorithm);
            KbsToken token = client(proxy.url(), ONCE).attest(new SampleAttester(), key, "algorithm = \"sha256\"\n"
                    + "version = \"0.1.0\"\n[data]\n");
            HttpResponse<String> resource = get(proxy.url(), "resource/default/key/k1", token.jwt());
            assertEquals(200, resource.statusCode(), resource.body());
            assertArrayEquals(SECRET, key.decrypt(JSON.readTree(resource.body())));
            assertEquals(401, get(proxy.url(), "resource/default/key/k1", null).statusCode());

            List<String> problems = new ArrayList<>();
            for (RecordingProxy.Exchange exchange : proxy.exchanges()) {
                JsonNode request = exchange.requestBody().length == 0 ? null : JSON.readTree(exchange.requestBody());
                JsonNode response = JSON.readTree(exchange.responseBody());
                String call = exchange.method() + " " + exchange.path() + " -> " + exchange.status();
                if (exchange.status() != 200) {
                    problems.addAll(prefixed(call, schemas.violations("ErrorInformation", response)));
                } else if (exchange.path().endsWith("/auth")) {
                    problems.addAll(prefixed(call, schemas.violations("Request", request)));
                    problems.addAll(prefixed(call, schemas.violations("Challenge", response)));
                } else if (exchange.path().endsWith("/attest")) {
                    problems.addAll(prefixed(call, schemas.violations("Attestation", request)));
                    problems.addAll(prefixed(call, schemas.violations("AttestationToken", response)));
                    String header = response.get("token").asText().split("\\.")[0];
                    problems.addAll(prefixed(call, schemas.violations("AttestationTokenHeader",
                            JSON.readTree(Base64.getUrlDecoder().decode(header)))));
                } else {
                    problems.addAll(prefixed(call, schemas.violations("JweResponse", response)));
                    problems.addAll(prefixed(call, schemas.violations("KeyHeader",
                            JSON.readTree(Base64.getUrlDecoder().decode(response.get("protected").asText())))));
                }
            }
            assertEquals(List.of(), problems);
            assertEquals(4, proxy.exchanges().size());
        }
    }

    @Test
    void tokenCarriesTheEarClaimsTheResourcePolicyReads() throws Exception {
        try (DevKbs kbs = kbs(true, ALLOW_ALL)) {
            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256);
            KbsToken token = client(kbs.url(), ONCE).attest(new SampleAttester(), key, null);
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.jwt().split("\\.")[1]));
            JsonNode annotated = claims.at("/submods/cpu0/ear.veraison.annotated-evidence");
            assertEquals("1", annotated.at("/sample/svn").asText());
            assertEquals(key.publicJwk(), annotated.at("/runtime_data_claims/tee-pubkey"));
            // Trustee's default policy: the sample platform's svn is not among the (absent) reference values.
            assertEquals("contraindicated", claims.at("/submods/cpu0/ear.status").asText());
            assertTrue(token.expiry().isAfter(kbs.clock().instant()));
        }
    }

    @Test
    void builtInPolicyDeniesSampleEvidence() throws Exception {
        try (DevKbs kbs = kbs(true, new io.github.coco4j.kbs.resource.AffirmingTeePolicy())) {
            KbsToken token = client(kbs.url(), ONCE).attest(new SampleAttester(),
                    TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null);
            HttpResponse<String> denied = get(kbs.url(), "resource/default/key/k1", token.jwt());
            assertError(denied, 401, "PolicyDeny");
        }
    }

    @Test
    void sampleEvidenceIsRefusedUnlessAllowed() throws Exception {
        try (DevKbs kbs = kbs(false, ALLOW_ALL)) {
            KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> client(kbs.url(), ONCE)
                    .attest(new SampleAttester(), TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("RcarAuthFailed"), e.getMessage());
        }
    }

    @Test
    void evidenceForAnotherNonceIsDenied() throws Exception {
        try (DevKbs kbs = kbs(true, ALLOW_ALL)) {
            Attester tampering = sampleOver(reportData -> {
                byte[] other = reportData.clone();
                other[0] ^= 1;
                return other;
            });
            KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> client(kbs.url(), ONCE)
                    .attest(tampering, TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("report_data does not match"), e.getMessage());
        }
    }

    @Test
    void attestWithAnotherNonceThanTheSessionsIsDenied() throws Exception {
        try (DevKbs kbs = kbs(true, ALLOW_ALL)) {
            HttpResponse<String> auth = post(kbs.url(), "auth", "{\"version\":\"0.4.0\",\"tee\":\"sample\","
                    + "\"extra-params\":{}}", null);
            String cookie = auth.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            ObjectNode jwk = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256).publicJwk();
            String attest = "{\"runtime-data\":{\"nonce\":\"AAAA\",\"tee-pubkey\":" + jwk + "},"
                    + "\"tee-evidence\":{\"primary_evidence\":{\"svn\":\"1\",\"report_data\":\"\"},"
                    + "\"additional_evidence\":\"\"}}";
            HttpResponse<String> denied = post(kbs.url(), "attest", attest, cookie);
            assertError(denied, 401, "RcarAttestFailed");
            assertTrue(denied.body().contains("nonce"), denied.body());
        }
    }

    @Test
    void expiredSessionLeadsToANewHandshake() throws Exception {
        try (DevKbs kbs = DevKbs.start(dir.resolve("repo"), Optional.empty(), true, ALLOW_ALL, Duration.ofMinutes(1))) {
            int[] calls = {0};
            Attester slowOnce = sampleOver(reportData -> {
                if (calls[0]++ == 0) {
                    kbs.clock().advance(Duration.ofMinutes(2));
                }
                return reportData;
            });
            RetryPolicy twice = new RetryPolicy(2, Duration.ZERO, Duration.ZERO);
            KbsToken token = client(kbs.url(), twice).attest(slowOnce,
                    TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null);
            assertEquals(2, calls[0], "the first session expired, so a second handshake produced the token");
            assertTrue(token.jwt().split("\\.").length == 3);
        }
    }

    @Test
    void protocolVersionMismatchIsRefusedLikeTrustee() throws Exception {
        try (DevKbs kbs = kbs(true, ALLOW_ALL)) {
            HttpResponse<String> answer = post(kbs.url(), "auth", "{\"version\":\"0.3.0\",\"tee\":\"sample\"}", null);
            assertError(answer, 401, "RcarAuthFailed");
            assertTrue(answer.body().contains("Protocol Version Mismatch"), answer.body());
        }
    }

    @Test
    void resourceErrorsUseTrusteeShapeAndCodes() throws Exception {
        try (DevKbs kbs = kbs(true, ALLOW_ALL)) {
            KbsToken token = client(kbs.url(), ONCE).attest(new SampleAttester(),
                    TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null);
            assertError(get(kbs.url(), "resource/default/key/absent", token.jwt()), 404, "ResourceNotFound");
            assertError(get(kbs.url(), "resource/default/key", token.jwt()), 404, "InvalidRequestPath");
            assertError(get(kbs.url(), "resource/default/..%2F..%2Fetc/passwd", token.jwt()), 404,
                    "InvalidRequestPath");
            assertError(get(kbs.url(), "nosuchplugin/x", token.jwt()), 404, "PluginNotFound");
            assertError(get(kbs.url(), "resource/default/key/k1", token.jwt() + "x"), 401, "TokenVerifierError");
            assertError(get(kbs.url(), "resource/default/key/k1", null), 401, "TokenNotFound");
        }
    }

    @Test
    void theSessionCookieAloneFetchesResources() throws Exception {
        try (DevKbs kbs = kbs(true, ALLOW_ALL)) {
            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256);
            HttpResponse<String> auth = post(kbs.url(), "auth", "{\"version\":\"0.4.0\",\"tee\":\"sample\"}", null);
            String cookie = auth.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String nonce = JSON.readTree(auth.body()).get("nonce").asText();
            byte[] reportData = io.github.coco4j.aa.kbs.RuntimeDataBinding.reportData(nonce, key.publicJwk(), "",
                    io.github.coco4j.digest.HashAlgorithm.SHA384);
            String attest = "{\"runtime-data\":" + io.github.coco4j.aa.kbs.RuntimeDataBinding.runtimeData(nonce,
                    key.publicJwk()) + ",\"tee-evidence\":{\"primary_evidence\":"
                    + new SampleAttester().evidence(reportData) + ",\"additional_evidence\":\"\"}}";
            assertEquals(200, post(kbs.url(), "attest", attest, cookie).statusCode());
            HttpResponse<String> resource = http.send(HttpRequest.newBuilder(kbs.url().resolve(
                    "/kbs/v0/resource/default/key/k1")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertArrayEquals(SECRET, key.decrypt(JSON.readTree(resource.body())));
        }
    }

    /** Sample evidence over what {@code reportData} makes of the report data the client asks for. */
    private static Attester sampleOver(UnaryOperator<byte[]> reportData) {
        return new Attester() {
            @Override
            public TeeType tee() {
                return TeeType.SAMPLE;
            }

            @Override
            public ObjectNode evidence(byte[] requested) {
                return new SampleAttester().evidence(reportData.apply(requested));
            }

            @Override
            public boolean verifyInitDataBinding(byte[] digest) {
                return false;
            }
        };
    }

    private HttpResponse<String> get(URI kbs, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(kbs.resolve("/kbs/v0/" + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI kbs, String endpoint, String body, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(kbs.resolve("/kbs/v0/" + endpoint))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String variant) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("https://github.com/confidential-containers/kbs/errors/" + variant, error.get("type").asText());
        assertTrue(error.hasNonNull("detail"));
    }

    private static List<String> prefixed(String call, List<String> problems) {
        return problems.stream().map(p -> call + ": " + p).toList();
    }
}
