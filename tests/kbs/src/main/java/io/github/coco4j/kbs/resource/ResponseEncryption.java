package io.github.coco4j.kbs.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.coco4j.kbs.protocol.KbsError;
import java.text.ParseException;

/**
 * Encrypts a resource to the TEE public key of the token, as the KBS protocol's flattened JWE:
 * ECDH-ES+A256KW for EC keys, RSA-OAEP-256 for RSA keys, content in A256GCM.
 */
public final class ResponseEncryption {
    private ResponseEncryption() {
    }

    public static ObjectNode seal(JsonNode teePubkey, byte[] resource) throws KbsError {
        try {
            JWEAlgorithm algorithm;
            JWEEncrypter encrypter;
            if ("EC".equals(teePubkey.path("kty").asText())) {
                algorithm = JWEAlgorithm.ECDH_ES_A256KW;
                encrypter = new ECDHEncrypter(ECKey.parse(withoutAlg(teePubkey)));
            } else if ("RSA".equals(teePubkey.path("kty").asText())) {
                algorithm = JWEAlgorithm.RSA_OAEP_256;
                encrypter = new RSAEncrypter(RSAKey.parse(withoutAlg(teePubkey)));
            } else {
                throw new KbsError(KbsError.Variant.JweError, "JWE failed: tee-pubkey of type "
                        + teePubkey.path("kty").asText() + " is not supported");
            }
            JWEObject jwe = new JWEObject(new JWEHeader(algorithm, EncryptionMethod.A256GCM), new Payload(resource));
            jwe.encrypt(encrypter);
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            response.put("protected", jwe.getHeader().toBase64URL().toString());
            response.put("encrypted_key", jwe.getEncryptedKey().toString());
            response.put("iv", jwe.getIV().toString());
            response.put("ciphertext", jwe.getCipherText().toString());
            response.put("tag", jwe.getAuthTag().toString());
            return response;
        } catch (ParseException | JOSEException e) {
            throw new KbsError(KbsError.Variant.JweError, "JWE failed: " + e.getMessage());
        }
    }

    /** The protocol's "alg" names the key wrapping, not a JWS algorithm; nimbus reads the key without it. */
    private static String withoutAlg(JsonNode key) {
        ObjectNode copy = key.deepCopy();
        copy.remove("alg");
        return copy.toString();
    }
}
