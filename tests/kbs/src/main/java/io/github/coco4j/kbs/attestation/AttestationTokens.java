package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Issues and checks the KBS's attestation tokens: EAR-shaped JWTs (as Trustee's attestation
 * service issues them) signed with ES256 by a key this KBS generates at start, its public key in
 * the JWT header. Tokens are only accepted back by the KBS instance that issued them.
 */
public final class AttestationTokens {
    static final String PROFILE = "tag:github.com,2024:confidential-containers/Trustee";
    static final String ISSUER = "coco4j-development-kbs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ECKey signingKey;
    private final Duration lifetime;
    private final Clock clock;

    public AttestationTokens(Duration lifetime, Clock clock) {
        try {
            this.signingKey = new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the token signing key", e);
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A token for appraised evidence: {@code annotated} as {@link AnnotatedEvidence} made it. */
    String issue(ObjectNode annotated, Appraisal result) {
        ObjectNode appraisal = JsonNodeFactory.instance.objectNode();
        appraisal.put("ear.status", result.status());
        ObjectNode vector = appraisal.putObject("ear.trustworthiness-vector");
        result.trustVector().forEach(vector::put);
        appraisal.set("ear.veraison.annotated-evidence", annotated);
        appraisal.put("ear.appraisal-policy-id", "default");
        result.extensions().forEach(appraisal::set);

        Instant now = clock.instant();
        ObjectNode ear = JsonNodeFactory.instance.objectNode();
        ear.put("eat_profile", PROFILE);
        ear.put("iat", now.getEpochSecond());
        ObjectNode verifier = ear.putObject("ear.verifier-id");
        verifier.put("build", ISSUER);
        verifier.put("developer", "https://github.com/coco4j");
        ear.putObject("submods").set("cpu0", appraisal);
        ear.put("exp", now.plus(lifetime).getEpochSecond());
        ear.put("iss", ISSUER);
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                    .jwk(signingKey.toPublicJWK()).build(), new Payload(ear.toString()));
            jws.sign(new ECDSASigner(signingKey));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The claims of a token this KBS issued and that has not expired. */
    public JsonNode verify(String token) throws TokenException {
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
            if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())
                    || !jws.verify(new ECDSAVerifier(signingKey.toECPublicKey()))) {
                throw new TokenException("token signature is not this KBS's");
            }
        } catch (ParseException | JOSEException e) {
            throw new TokenException("token is not a JWS: " + e.getMessage());
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(jws.getPayload().toString());
        } catch (IOException e) {
            throw new TokenException("token claims are not JSON");
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.canConvertToLong() || exp.asLong() <= clock.instant().getEpochSecond()) {
            throw new TokenException("token has expired");
        }
        return claims;
    }

    /** A token is not usable. */
    public static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;

        TokenException(String message) {
            super(message);
        }
    }
}
