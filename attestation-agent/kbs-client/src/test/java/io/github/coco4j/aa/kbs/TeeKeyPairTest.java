package io.github.coco4j.aa.kbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TeeKeyPairTest {
    private static final byte[] SECRET = "the resource bytes\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @ParameterizedTest
    @EnumSource(TeeKeyAlgorithm.class)
    void jwkHasTheKbsProtocolMembers(TeeKeyAlgorithm algorithm) {
        ObjectNode jwk = TeeKeyPair.generate(algorithm).publicJwk();
        List<String> names = new java.util.ArrayList<>();
        jwk.fieldNames().forEachRemaining(names::add);
        switch (algorithm) {
            case ECDH_ES_A256KW_P256 -> {
                assertEquals(List.of("kty", "crv", "alg", "x", "y"), names);
                assertEquals("P-256", jwk.get("crv").asText());
                assertEquals(43, jwk.get("x").asText().length(), "32-byte coordinate, unpadded base64url");
            }
            case ECDH_ES_A256KW_P521 -> {
                assertEquals("P-521", jwk.get("crv").asText());
                assertEquals(88, jwk.get("y").asText().length(), "66-byte coordinate, unpadded base64url");
            }
            case RSA_OAEP_256 -> {
                assertEquals(List.of("kty", "alg", "n", "e"), names);
                assertEquals("RSA-OAEP-256", jwk.get("alg").asText());
                assertEquals("AQAB", jwk.get("e").asText());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TeeKeyAlgorithm.class)
    void pemRoundTripKeepsTheKeyAndDecrypts(TeeKeyAlgorithm algorithm) throws Exception {
        TeeKeyPair original = TeeKeyPair.generate(algorithm);
        String pem = original.privateKeyPem();
        assertTrue(pem.startsWith(algorithm == TeeKeyAlgorithm.RSA_OAEP_256
                ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----"), pem.lines().findFirst().orElse(""));
        TeeKeyPair restored = TeeKeyPair.fromPem(pem);
        assertEquals(original.publicJwk(), restored.publicJwk());
        assertArrayEquals(SECRET, restored.decrypt(encryptTo(original.publicJwk())));
    }

    @Test
    void rsaPkcs1v15ResponsesAreRefused() throws Exception {
        TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256);
        RSAKey jwk = RSAKey.parse(key.publicJwk().toString());
        JsonNode response = flattened(new JWEHeader(JWEAlgorithm.RSA1_5, EncryptionMethod.A256GCM),
                new RSAEncrypter(jwk));
        KbsProtocolException e = assertThrows(KbsProtocolException.class, () -> key.decrypt(response));
        assertTrue(e.getMessage().contains("RSA1_5"), e.getMessage());
    }

    @Test
    void responseForAnotherKeyFailsToDecrypt() throws Exception {
        JsonNode response = encryptTo(TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256).publicJwk());
        assertThrows(KbsProtocolException.class,
                () -> TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256).decrypt(response));
    }

    @Test
    void tamperedCiphertextFailsAuthentication() throws Exception {
        TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256);
        ObjectNode response = (ObjectNode) encryptTo(key.publicJwk());
        String ciphertext = response.get("ciphertext").asText();
        response.put("ciphertext", (ciphertext.charAt(0) == 'A' ? "B" : "A") + ciphertext.substring(1));
        assertThrows(KbsProtocolException.class, () -> key.decrypt(response));
    }

    @Test
    void missingMembersAndAadAreRefused() throws Exception {
        TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256);
        ObjectNode response = (ObjectNode) encryptTo(key.publicJwk());
        ObjectNode withoutTag = response.deepCopy();
        withoutTag.remove("tag");
        assertTrue(assertThrows(KbsProtocolException.class, () -> key.decrypt(withoutTag)).getMessage().contains("tag"));
        response.put("aad", "x");
        assertThrows(KbsProtocolException.class, () -> key.decrypt(response));
    }

    @Test
    void pemWithoutAKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TeeKeyPair.fromPem("not a pem"));
    }

    /** A KBS-style flattened JWE of {@link #SECRET} for a {@code tee-pubkey} JWK. */
    static JsonNode encryptTo(JsonNode teePubkey) throws Exception {
        if ("EC".equals(teePubkey.get("kty").asText())) {
            return flattened(new JWEHeader(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM),
                    new ECDHEncrypter(ECKey.parse(teePubkey.toString())));
        }
        return flattened(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                new RSAEncrypter(RSAKey.parse(teePubkey.toString())));
    }

    private static JsonNode flattened(JWEHeader header, JWEEncrypter encrypter) throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(SECRET));
        jwe.encrypt(encrypter);
        String[] parts = jwe.serialize().split("\\.", -1);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("protected", parts[0]);
        json.put("encrypted_key", parts[1]);
        json.put("iv", parts[2]);
        json.put("ciphertext", parts[3]);
        json.put("tag", parts[4]);
        return json;
    }
}
