package io.github.coco4j.aa.kbs;

import io.github.coco4j.errors.Failures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The TEE key pair whose public half goes to the KBS in the attestation request and whose private
 * half decrypts the KBS's resource responses. The PEM form is upstream's: PKCS#8 for EC keys,
 * PKCS#1 for RSA keys.
 */
public final class TeeKeyPair {
    /** The key wrapping algorithm an EC key announces in its JWK. */
    public static final String ECDH_ES_A256KW = "ECDH-ES+A256KW";
    public static final String RSA_OAEP_256 = "RSA-OAEP-256";
    private static final int RSA_BITS = 2048;
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final KeyPair keyPair;

    private TeeKeyPair(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    public static TeeKeyPair generate(TeeKeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ECDH_ES_A256KW_P256, ECDH_ES_A256KW_P521 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(
                            algorithm == TeeKeyAlgorithm.ECDH_ES_A256KW_P256 ? "secp256r1" : "secp521r1"));
                }
                case RSA_OAEP_256 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(RSA_BITS);
                }
                default -> throw new IllegalArgumentException("unsupported TEE key algorithm " + algorithm);
            }
            return new TeeKeyPair(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm.configName() + " key", e);
        }
    }

    /** Reads a private key in upstream's PEM form (PKCS#1 RSA or PKCS#8 EC/RSA), as AA's token answer carries it. */
    public static TeeKeyPair fromPem(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE);
            KeyPair pair;
            if (parsed instanceof PEMKeyPair pemPair) {
                pair = converter.getKeyPair(pemPair);
            } else if (parsed instanceof PrivateKeyInfo info) {
                pair = withDerivedPublicKey(converter.getPrivateKey(info));
            } else {
                throw new IllegalArgumentException("TEE key PEM holds no private key");
            }
            return new TeeKeyPair(toJcaKeys(pair));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TEE key PEM is unreadable: " + Failures.describe(e), e);
        }
    }

    private static KeyPair withDerivedPublicKey(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return new KeyPair(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())), key);
        }
        if (key instanceof org.bouncycastle.jce.interfaces.ECPrivateKey ec) {
            ECParameterSpec params = ec.getParameters();
            ECPoint q = params.getG().multiply(ec.getD()).normalize();
            return new KeyPair(KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePublic(
                    new ECPublicKeySpec(q, params)), key);
        }
        throw new GeneralSecurityException("unsupported private key type " + key.getAlgorithm());
    }

    /** Re-creates BouncyCastle keys as JDK keys, which nimbus' decrypters expect. */
    private static KeyPair toJcaKeys(KeyPair pair) throws GeneralSecurityException {
        String algorithm = pair.getPrivate().getAlgorithm().equals("RSA") ? "RSA" : "EC";
        KeyFactory factory = KeyFactory.getInstance(algorithm);
        return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded())),
                factory.generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
    }

    /** The public key as the KBS protocol's {@code tee-pubkey} JWK: kty, crv, alg, x, y or kty, alg, n, e. */
    public ObjectNode publicJwk() {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        if (keyPair.getPublic() instanceof ECPublicKey ec) {
            ECKey key = new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
            jwk.put("kty", "EC");
            jwk.put("crv", key.getCurve().getName());
            jwk.put("alg", ECDH_ES_A256KW);
            jwk.put("x", key.getX().toString());
            jwk.put("y", key.getY().toString());
        } else {
            RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic()).build();
            jwk.put("kty", "RSA");
            jwk.put("alg", RSA_OAEP_256);
            jwk.put("n", key.getModulus().toString());
            jwk.put("e", key.getPublicExponent().toString());
        }
        return jwk;
    }

    /** The private key in upstream's PEM form. It is a secret: never log it. */
    public String privateKeyPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (keyPair.getPrivate() instanceof RSAPrivateCrtKey) {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
                writer.writeObject(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
            } else {
                writer.writeObject(new PemObject("PRIVATE KEY", keyPair.getPrivate().getEncoded()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the TEE private key", e);
        }
        return out.toString();
    }

    /**
     * Decrypts a KBS resource response, the flattened JWE JSON ({@code protected, encrypted_key,
     * iv, ciphertext, tag}). Only ECDH-ES+A256KW and RSA-OAEP-256 with A256GCM are accepted.
     */
    public byte[] decrypt(JsonNode response) throws KbsProtocolException {
        if (response.has("aad")) {
            throw new KbsProtocolException("KBS response: JWE with additional authenticated data is not supported");
        }
        String compact = String.join(".", member(response, "protected"), member(response, "encrypted_key"),
                member(response, "iv"), member(response, "ciphertext"), member(response, "tag"));
        try {
            JWEObject jwe = JWEObject.parse(compact);
            JWEAlgorithm alg = jwe.getHeader().getAlgorithm();
            if (!EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
                throw new KbsProtocolException("KBS response: content encryption "
                        + jwe.getHeader().getEncryptionMethod() + " is not A256GCM");
            }
            jwe.decrypt(decrypterFor(alg));
            return jwe.getPayload().toBytes();
        } catch (ParseException e) {
            throw new KbsProtocolException("KBS response: malformed JWE: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new KbsProtocolException("KBS response: cannot decrypt the JWE: " + e.getMessage(), e);
        }
    }

    private JWEDecrypter decrypterFor(JWEAlgorithm alg) throws KbsProtocolException, JOSEException {
        if (JWEAlgorithm.ECDH_ES_A256KW.equals(alg) && keyPair.getPrivate() instanceof ECPrivateKey ec) {
            return new ECDHDecrypter(ec);
        }
        if (JWEAlgorithm.RSA_OAEP_256.equals(alg) && keyPair.getPrivate() instanceof RSAPrivateCrtKey rsa) {
            return new RSADecrypter(rsa);
        }
        throw new KbsProtocolException("KBS response: key wrapping " + alg + " does not match this "
                + keyPair.getPrivate().getAlgorithm() + " TEE key (expected " + expectedAlgorithm() + ")");
    }

    private String expectedAlgorithm() {
        return keyPair.getPrivate() instanceof ECPrivateKey ? ECDH_ES_A256KW : RSA_OAEP_256;
    }

    private static String member(JsonNode response, String name) throws KbsProtocolException {
        JsonNode value = response.get(name);
        if (value == null || !value.isTextual()) {
            throw new KbsProtocolException("KBS response: JWE member '" + name + "' is missing or not a string");
        }
        return value.asText();
    }
}
