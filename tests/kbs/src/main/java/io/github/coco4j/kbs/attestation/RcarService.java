package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RuntimeDataBinding;
import io.github.coco4j.kbs.protocol.KbsError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * The server side of RCAR: {@code auth} opens a session with a fresh nonce, {@code attest} checks
 * the evidence against it and answers with a token, which the session then holds.
 */
public final class RcarService {
    private static final Logger LOG = Logger.getLogger(RcarService.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NONCE_BYTES = 32;

    /** What {@code auth} and {@code attest} answer: a JSON body and the session cookie to set. */
    public record Answer(JsonNode body, String sessionId, Instant sessionExpiry) {
    }

    /**
     * What attestation accepts and how it appraises: the reference values file (read anew for
     * every attestation, so it can be edited while the KBS runs), whether sample evidence is
     * accepted, the attestation policy, and the roots SNP endorsement keys must chain to.
     */
    public record Setup(Optional<Path> referenceValues, boolean allowSample, AttestationPolicy policy,
                        SnpCertificates snp) {
        /** Trustee's default policy and AMD's roots. */
        public static Setup defaults(Optional<Path> referenceValues, boolean allowSample) {
            return new Setup(referenceValues, allowSample, AttestationPolicy.trusteeDefault(), SnpCertificates.amd());
        }
    }

    private final Sessions sessions;
    private final Map<String, EvidenceVerifier> verifiers;
    private final Setup setup;
    private final Clock clock;
    private final AttestationTokens tokens;
    private final SecureRandom random = new SecureRandom();

    private RcarService(Sessions sessions, Map<String, EvidenceVerifier> verifiers, Setup setup, Clock clock,
                        AttestationTokens tokens) {
        this.sessions = sessions;
        this.verifiers = verifiers;
        this.setup = setup;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** The usual set-up: Trustee's default attestation policy and AMD's roots. */
    public static RcarService create(Duration sessionTimeout, Clock clock, Optional<Path> referenceValues,
                                     boolean allowSample, AttestationTokens tokens) {
        return create(sessionTimeout, clock, Setup.defaults(referenceValues, allowSample), tokens);
    }

    /** tpm, Azure vTPM, TDX and SNP evidence always; sample evidence only when allowed. */
    public static RcarService create(Duration sessionTimeout, Clock clock, Setup setup, AttestationTokens tokens) {
        Map<String, EvidenceVerifier> verifiers = new TreeMap<>();
        verifiers.put("tpm", new TpmVerifier());
        verifiers.put(AzSnpVtpmVerifier.TEE, new AzSnpVtpmVerifier(setup.snp()));
        verifiers.put(AzTdxVtpmVerifier.TEE, new AzTdxVtpmVerifier());
        verifiers.put(TdxVerifier.TEE, new TdxVerifier());
        verifiers.put(SnpVerifier.TEE, new SnpVerifier(setup.snp()));
        if (setup.allowSample()) {
            verifiers.put("sample", new SampleVerifier());
        }
        return new RcarService(new Sessions(sessionTimeout, clock, Sessions.MAX_SESSIONS), Collections.unmodifiableMap(verifiers), setup, clock, tokens);
    }

    public Answer auth(byte[] body) throws KbsError {
        JsonNode request = parse(body, KbsError.Variant.RcarAuthFailed, "Request");
        String version = text(request, "version", KbsError.Variant.RcarAuthFailed);
        if (!RcarClient.PROTOCOL_VERSION.equals(version)) {
            throw new KbsError(KbsError.Variant.RcarAuthFailed, "RCAR handshake Auth failed: KBS Client Protocol "
                    + "Version Mismatch: expect =" + RcarClient.PROTOCOL_VERSION + " while the request is " + version);
        }
        String tee = AnnotatedEvidence.currentName(text(request, "tee", KbsError.Variant.RcarAuthFailed));
        if (!verifiers.containsKey(tee)) {
            throw new KbsError(KbsError.Variant.RcarAuthFailed, "RCAR handshake Auth failed: this KBS does not "
                    + "accept " + tee + " evidence (accepted: " + String.join(", ", verifiers.keySet()) + ")");
        }
        HashAlgorithm hash = selectHash(request.get("extra-params"));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Sessions.Session session = sessions.open(tee, Base64.getEncoder().encodeToString(nonce), hash);
        ObjectNode challenge = JsonNodeFactory.instance.objectNode();
        challenge.put("nonce", session.nonce());
        challenge.putObject("extra-params").put("selected-hash-algorithm", hash.wireName());
        return new Answer(challenge, session.id(), session.expiry());
    }

    /** SHA-384 as Trustee uses, or another the client lists when it does not list SHA-384. */
    private static HashAlgorithm selectHash(JsonNode extraParams) throws KbsError {
        JsonNode supported = extraParams == null ? null : extraParams.get("supported-hash-algorithms");
        if (supported == null || !supported.isArray()) {
            return HashAlgorithm.SHA384;
        }
        Set<String> names = new HashSet<>();
        supported.forEach(name -> names.add(name.asText()));
        for (HashAlgorithm preferred : new HashAlgorithm[] {HashAlgorithm.SHA384, HashAlgorithm.SHA512,
            HashAlgorithm.SHA256}) {
            if (names.contains(preferred.wireName())) {
                return preferred;
            }
        }
        throw new KbsError(KbsError.Variant.RcarAuthFailed, "RCAR handshake Auth failed: none of the client's "
                + "hash algorithms " + names + " is sha384, sha512 or sha256");
    }

    public Answer attest(byte[] body, Optional<String> sessionId) throws KbsError {
        Sessions.Session session = sessionId.flatMap(sessions::find).orElseThrow(() -> attestFailed(
                sessionId.isPresent() ? "session not found or expired" : "cookie not found"));
        if (session.token() != null) {
            return new Answer(tokenAnswer(session.token()), session.id(), session.expiry());
        }
        JsonNode attestation = parse(body, KbsError.Variant.RcarAttestFailed, "Attestation");
        JsonNode runtimeData = attestation.get("runtime-data");
        JsonNode evidence = attestation.get("tee-evidence");
        if (runtimeData == null || !runtimeData.isObject() || evidence == null || !evidence.isObject()) {
            throw attestFailed("the Attestation needs runtime-data and tee-evidence objects");
        }
        if (!session.nonce().equals(runtimeData.path("nonce").asText(null))) {
            throw attestFailed("the nonce in the handshake session is different from the client side in KBS "
                    + "protocol's Attestation message");
        }
        JsonNode teePubkey = runtimeData.get("tee-pubkey");
        checkTeePubkey(teePubkey);
        String additional = evidence.path("additional_evidence").asText("");
        if (!additional.isEmpty()) {
            throw attestFailed("additional evidence (secondary devices) is not supported by this KBS");
        }
        JsonNode primary = evidence.get("primary_evidence");
        if (primary == null || !primary.isObject()) {
            throw attestFailed("tee-evidence.primary_evidence is missing");
        }
        InitData initData = InitData.of(attestation.get("init-data"));
        byte[] reportData = RuntimeDataBinding.reportData(session.nonce(), teePubkey, additional, session.hash());
        ReferenceValues references = referenceValues();
        ObjectNode claims;
        try {
            claims = verifiers.get(session.tee()).verify(primary, reportData,
                    initData == null ? null : initData.digest(), references);
        } catch (VerificationException e) {
            LOG.warning(() -> "attestation of session " + session.id() + " denied: " + e.getMessage());
            throw attestFailed("verify TEE evidence failed: " + e.getMessage());
        }
        // The verified claims (a TPM's quoted PCRs among them), for whoever compares a guest with its
        // reference values.
        LOG.info(() -> "session " + session.id() + " " + session.tee() + " evidence verified: " + claims);
        ObjectNode annotated = AnnotatedEvidence.of(session.tee(), claims,
                RuntimeDataBinding.runtimeData(session.nonce(), teePubkey), initData == null ? null : initData.claims());
        Appraisal appraisal;
        try {
            appraisal = setup.policy().appraise(AnnotatedEvidence.policyInput(session.tee(), annotated), references);
        } catch (AttestationPolicy.PolicyEvaluationException e) {
            LOG.warning(() -> "attestation of session " + session.id() + " denied: attestation policy "
                    + e.getMessage());
            throw attestFailed("attestation policy " + e.getMessage());
        }
        String token = tokens.issue(annotated, appraisal);
        sessions.update(session.attested(token));
        LOG.info(() -> "session " + session.id() + " attested as " + session.tee() + ": " + appraisal.summary());
        return new Answer(tokenAnswer(token), session.id(), session.expiry());
    }

    private ReferenceValues referenceValues() throws KbsError {
        if (setup.referenceValues().isEmpty()) {
            return ReferenceValues.empty();
        }
        try {
            return ReferenceValues.load(setup.referenceValues().get(), clock.instant());
        } catch (IOException e) {
            throw attestFailed("reference values unavailable: " + e.getMessage());
        }
    }

    /** The token held by an attested session. */
    public Optional<String> sessionToken(String sessionId) {
        return sessions.find(sessionId).map(Sessions.Session::token);
    }

    private static ObjectNode tokenAnswer(String token) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("token", token);
        return answer;
    }

    /** The keys resources can be encrypted to: EC P-256/P-521 for ECDH-ES+A256KW, RSA for RSA-OAEP-256. */
    private static void checkTeePubkey(JsonNode key) throws KbsError {
        if (key == null || !key.isObject()) {
            throw attestFailed("runtime-data.tee-pubkey is missing");
        }
        String kty = key.path("kty").asText();
        boolean ec = "EC".equals(kty) && "ECDH-ES+A256KW".equals(key.path("alg").asText())
                && Set.of("P-256", "P-521").contains(key.path("crv").asText()) && key.hasNonNull("x")
                && key.hasNonNull("y");
        boolean rsa = "RSA".equals(kty) && "RSA-OAEP-256".equals(key.path("alg").asText()) && key.hasNonNull("n")
                && key.hasNonNull("e");
        if (!ec && !rsa) {
            throw attestFailed("tee-pubkey must be an EC P-256/P-521 key for ECDH-ES+A256KW or an RSA key for "
                    + "RSA-OAEP-256");
        }
    }

    private static JsonNode parse(byte[] body, KbsError.Variant variant, String what) throws KbsError {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new IOException("not a JSON object");
            }
            return json;
        } catch (IOException e) {
            String step = variant == KbsError.Variant.RcarAuthFailed ? "Auth" : "Attest";
            throw new KbsError(variant, "RCAR handshake " + step + " failed: deserialize " + what + ": "
                    + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, KbsError.Variant variant) throws KbsError {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new KbsError(variant, "RCAR handshake Auth failed: deserialize Request: missing string " + field);
        }
        return value.asText();
    }

    private static KbsError attestFailed(String reason) {
        return new KbsError(KbsError.Variant.RcarAttestFailed, "RCAR handshake Attest failed: " + reason);
    }

    /** Presented initdata: its digest (by its own algorithm) and its content as JSON claims. */
    private record InitData(byte[] digest, JsonNode claims) {
        static InitData of(JsonNode node) throws KbsError {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!"toml".equals(node.path("format").asText()) || !node.path("body").isTextual()) {
                throw attestFailed("init-data must be {\"format\":\"toml\",\"body\":\"...\"}");
            }
            String body = node.get("body").asText();
            TomlParseResult toml = Toml.parse(body);
            if (toml.hasErrors()) {
                throw attestFailed("init-data body is not TOML: " + toml.errors().get(0));
            }
            String algorithm = toml.getString("algorithm");
            HashAlgorithm hash;
            try {
                hash = HashAlgorithm.fromWireName(algorithm == null ? "" : algorithm);
            } catch (IllegalArgumentException e) {
                throw attestFailed("init-data algorithm: " + e.getMessage());
            }
            try {
                return new InitData(hash.digest(body.getBytes(StandardCharsets.UTF_8)), JSON.readTree(toml.toJson()));
            } catch (IOException e) {
                throw attestFailed("init-data cannot be read as claims: " + e.getMessage());
            }
        }
    }
}
