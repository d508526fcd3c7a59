package io.github.coco4j.cdh.sealed;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.github.coco4j.cdh.kbc.Kbc;
import io.github.coco4j.cdh.kbc.KbcException;
import io.github.coco4j.cdh.kbc.ResourceUri;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Base64;

/**
 * Sealed secrets of type vault: {@code sealed.<header>.<payload>.<signature>}, a JWS signed with
 * ES256 by the key its {@code kid} names (a kbs:// resource, or a JWK file under the signing
 * credentials directory), whose payload {@code {"version":"0.1.0","type":"vault","name":"kbs:///…",
 * "provider":"kbs",…}} names the resource that is the secret. Verification is skipped only when
 * {@code SKIP_SEALED_SECRET_VERIFICATION=true}, as upstream allows for development.
 */
public final class SealedSecrets {
    public static final Path SIGNING_KEYS = Path.of("/run/confidential-containers/cdh/sealed-secret");
    public static final String SKIP_VERIFICATION_ENV = "SKIP_SEALED_SECRET_VERIFICATION";
    private static final String PREFIX = "sealed.";

    private final Kbc kbc;
    private final Path signingKeys;
    private final boolean skipVerification;

    public SealedSecrets(Kbc kbc, Path signingKeys, boolean skipVerification) {
        this.kbc = kbc;
        this.signingKeys = signingKeys;
        this.skipVerification = skipVerification;
    }

    public byte[] unseal(byte[] sealed) throws SealedSecretException, InterruptedException {
        String text = new String(sealed, StandardCharsets.UTF_8).strip();
        if (!text.startsWith(PREFIX)) {
            throw new SealedSecretException("a sealed secret starts with 'sealed.'");
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 3) {
            throw new SealedSecretException("a sealed secret is sealed.<header>.<payload>.<signature>");
        }
        byte[] payload = skipVerification ? decode(parts[1]) : verified(text.substring(PREFIX.length()));
        return resource(payload);
    }

    private byte[] verified(String compact) throws SealedSecretException, InterruptedException {
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new SealedSecretException("the sealed secret is not a JWS: " + e.getMessage(), e);
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw new SealedSecretException("the sealed secret must be signed with ES256, not " + jws.getHeader().getAlgorithm());
        }
        String kid = jws.getHeader().getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw new SealedSecretException("the sealed secret's header names no kid");
        }
        try {
            ECKey key = ECKey.parse(new String(signingKey(kid), StandardCharsets.UTF_8));
            if (!Curve.P_256.equals(key.getCurve()) || !jws.verify(new ECDSAVerifier(key.toECPublicKey()))) {
                throw new SealedSecretException("the sealed secret's signature does not verify with " + kid);
            }
        } catch (ParseException | JOSEException e) {
            throw new SealedSecretException("signing key " + kid + " is not a P-256 JWK: " + e.getMessage(), e);
        }
        return jws.getPayload().toBytes();
    }

    /** A kbs:// URI is fetched through the KBC; anything else is a file under the signing keys directory. */
    private byte[] signingKey(String kid) throws SealedSecretException, InterruptedException {
        if (kid.startsWith("kbs://")) {
            return fetch(kid);
        }
        Path base = signingKeys.toAbsolutePath().normalize();
        Path file = base.resolve(kid).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new SealedSecretException("kid " + kid + " escapes " + base);
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                throw new SealedSecretException("kid " + kid + " escapes " + base);
            }
            return Files.readAllBytes(real);
        } catch (IOException e) {
            throw new SealedSecretException("signing key " + kid + " is neither a kbs:// URI nor a file under " + base);
        }
    }

    private byte[] resource(byte[] payload) throws SealedSecretException, InterruptedException {
        JsonNode secret;
        try {
            secret = JsonTrees.read(payload);
        } catch (IOException e) {
            throw new SealedSecretException("the sealed secret's payload is not JSON");
        }
        if (!"0.1.0".equals(secret.path("version").asText())) {
            throw new SealedSecretException("sealed secret version must be 0.1.0");
        }
        if (!"vault".equals(secret.path("type").asText())) {
            throw new SealedSecretException("sealed secret type '" + secret.path("type").asText() + "' is not supported (vault is)");
        }
        if (!"kbs".equals(secret.path("provider").asText())) {
            throw new SealedSecretException("vault provider '" + secret.path("provider").asText() + "' is not supported (kbs is)");
        }
        return fetch(secret.path("name").asText());
    }

    private byte[] fetch(String uri) throws SealedSecretException, InterruptedException {
        try {
            return kbc.getResource(ResourceUri.parse(uri));
        } catch (IllegalArgumentException | KbcException e) {
            throw new SealedSecretException(uri + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String part) throws SealedSecretException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new SealedSecretException("the sealed secret's payload is not base64url");
        }
    }
}
