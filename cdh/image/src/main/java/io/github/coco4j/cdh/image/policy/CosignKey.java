package io.github.coco4j.cdh.image.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A cosign public key (PEM {@code PUBLIC KEY}): ECDSA P-256 or P-384, RSA or Ed25519, as upstream
 * accepts, with the signature scheme cosign uses for each.
 */
record CosignKey(PublicKey key, String algorithm) {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    static CosignKey parse(byte[] pem) throws IOException {
        String text = new String(pem, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException("not a PEM public key");
        }
        X509EncodedKeySpec spec;
        try {
            spec = new X509EncodedKeySpec(Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end)));
        } catch (IllegalArgumentException e) {
            throw new IOException("PEM public key: " + e.getMessage(), e);
        }
        for (String type : List.of("EC", "RSA", "Ed25519")) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(spec);
                return new CosignKey(key, scheme(key));
            } catch (GeneralSecurityException e) {
                // not a key of this type: try the next one
            }
        }
        throw new IOException("unsupported public key (ECDSA P-256/P-384, RSA or Ed25519 expected)");
    }

    private static String scheme(PublicKey key) throws GeneralSecurityException {
        if (key instanceof ECPublicKey ec) {
            return switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> "SHA256withECDSA";
                case 384 -> "SHA384withECDSA";
                default -> throw new GeneralSecurityException("unsupported ECDSA curve");
            };
        }
        return key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "Ed25519";
    }

    /** Whether {@code signature} (DER for ECDSA) is this key's signature over {@code payload}. */
    boolean verifies(byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature is no signature
        }
    }
}
