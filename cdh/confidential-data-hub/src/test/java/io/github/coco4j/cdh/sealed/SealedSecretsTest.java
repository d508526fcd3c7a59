package io.github.coco4j.cdh.sealed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.github.coco4j.cdh.kbc.OfflineFsKbc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedSecretsTest {
    private static final String VAULT = "{\"version\":\"0.1.0\",\"type\":\"vault\",\"name\":\"kbs:///default/key/k1\","
            + "\"provider\":\"kbs\",\"provider_settings\":{},\"annotations\":{}}";

    @TempDir
    Path dir;
    ECKey key;
    Path keys;
    OfflineFsKbc kbc;

    @BeforeEach
    void setUp() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("test-key").generate();
        keys = Files.createDirectories(dir.resolve("sealed-secret"));
        Files.writeString(keys.resolve("test-key"), key.toPublicJWK().toJSONString());
        String publicJwk = Base64.getEncoder().encodeToString(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
        Path resources = Files.writeString(dir.resolve("resources.json"), "{\"default/key/k1\": \"c2VjcmV0\","
                + "\"default/signing/k\": \"" + publicJwk + "\"}");
        kbc = OfflineFsKbc.load(List.of(resources));
    }

    private String seal(String kid, String payload, ECKey signer) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), new Payload(payload));
        jws.sign(new ECDSASigner(signer));
        return "sealed." + jws.serialize();
    }

    private byte[] unseal(String sealed, boolean skip) throws Exception {
        return new SealedSecrets(kbc, keys, skip).unseal(sealed.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aVaultSecretSignedByAKnownKeyOpensToItsResource() throws Exception {
        byte[] secret = "secret".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(secret, unseal(seal("test-key", VAULT, key), false));
        assertArrayEquals(secret, unseal(seal("kbs:///default/signing/k", VAULT, key), false), "kid as a KBS resource");
    }

    @Test
    void signaturesKeysAndKidsAreChecked() throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        assertTrue(error(seal("test-key", VAULT, other), false).contains("does not verify"));
        String good = seal("test-key", VAULT, key);
        String[] parts = good.split("\\.");
        String tampered = String.join(".", parts[0], parts[1],
                Base64.getUrlEncoder().withoutPadding().encodeToString(VAULT.replace("k1", "k2").getBytes(StandardCharsets.UTF_8)), parts[3]);
        assertTrue(error(tampered, false).contains("does not verify"));
        assertTrue(error(seal("../../../etc/passwd", VAULT, key), false).contains("escapes"));
        assertTrue(error(seal("absent-key", VAULT, key), false).contains("neither a kbs:// URI nor a file"));
        assertTrue(error("sealed.a.b", false).contains("sealed.<header>.<payload>.<signature>"));
        assertTrue(error("a.b.c.d", false).contains("starts with 'sealed.'"));
    }

    @Test
    void skippingVerificationOnlySkipsTheSignature() throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), unseal(seal("nobody", VAULT, other), true));
        assertTrue(error(seal("test-key", VAULT.replace("vault", "envelope"), key), true).contains("envelope"));
        assertTrue(error(seal("test-key", VAULT.replace("0.1.0", "0.2.0"), key), true).contains("version"));
        assertTrue(error(seal("test-key", VAULT.replace("\"kbs\",", "\"aliyun\","), key), true).contains("aliyun"));
    }

    private String error(String sealed, boolean skip) {
        return assertThrows(SealedSecretException.class, () -> unseal(sealed, skip)).getMessage();
    }
}
