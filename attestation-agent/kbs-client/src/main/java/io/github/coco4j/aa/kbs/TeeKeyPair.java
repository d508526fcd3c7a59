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
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
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

    /**
     * Reads a private key in upstream's PEM form (PKCS#1 RSA or PKCS#8 EC/RSA), as AA's token
     * answer carries it, into the JDK's own key classes (which nimbus' decrypters expect). Not
     * through BouncyCastle's JCA provider: making one registers thousands of algorithms, about
     * 1.5 MiB of heap for as long as the JVM runs.
     */
    public static TeeKeyPair fromPem(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            KeyPair pair;
            if (parsed instanceof PEMKeyPair pemPair) {
                pair = converter.getKeyPair(pemPair);
            } else if (parsed instanceof PrivateKeyInfo info) {
                pair = withDerivedPublicKey(converter.getPrivateKey(info));
            } else {
                throw new IllegalArgumentException("TEE key PEM holds no private key");
            }
            return new TeeKeyPair(pair);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TEE key PEM is unreadable: " + Failures.describe(e), e);
        }
    }

    private static KeyPair withDerivedPublicKey(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return new KeyPair(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())), key);
        }
        if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField() instanceof ECFieldFp field) {
            // Q = d·G on the key's own (prime) curve, multiplied as BouncyCastle generates keys.
            ECParameterSpec params = ec.getParams();
            ECCurve curve = new ECCurve.Fp(field.getP(), params.getCurve().getA(), params.getCurve().getB(),
                    params.getOrder(), BigInteger.valueOf(params.getCofactor()));
            ECPoint g = curve.createPoint(params.getGenerator().getAffineX(), params.getGenerator().getAffineY());
            ECPoint q = new FixedPointCombMultiplier().multiply(g, ec.getS()).normalize();
            java.security.spec.ECPoint w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                    q.getAffineYCoord().toBigInteger());
            return new KeyPair(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params)), key);
        }
        throw new GeneralSecurityException("unsupported private key type " + key.getAlgorithm());
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
