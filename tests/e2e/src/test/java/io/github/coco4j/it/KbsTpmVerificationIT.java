package io.github.coco4j.it;

import io.github.coco4j.testing.Swtpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.aa.kbs.KbsProtocolException;
import io.github.coco4j.aa.kbs.KbsToken;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RetryPolicy;
import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.aa.kbs.TeeKeyPair;
import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.kbs.resource.AffirmingTeePolicy;
import io.github.coco4j.kbs.testing.DevKbs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development KBS verifying real TPM quotes from swtpm (made with tpm2-tools), PCR8 measured
 * with the workshop initdata: a token and a byte-exact resource when everything matches, denial
 * when the initdata, the reference PCR8 or the nonce does not.
 */
class KbsTpmVerificationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    private static final String WORKSHOP = "workshop-initdata";
    private static final byte[] SECRET = "workshop key1 \u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    @TempDir
    Path dir;
    private Swtpm tpm;

    @BeforeEach
    void tpm() throws Exception {
        tpm = Swtpm.start(dir);
        Files.createDirectories(dir.resolve("repository/default/kbsres1"));
        Files.write(dir.resolve("repository/default/kbsres1/key1"), SECRET);
    }

    @AfterEach
    void stop() {
        tpm.close();
    }

    private Tpm2ToolsAttester measuredTpm(UnaryOperator<byte[]> nonce) throws Exception {
        Tpm2ToolsAttester attester = Tpm2ToolsAttester.provision(dir, tpm, nonce);
        attester.extendPcr(8, Arrays.copyOf(InitDataVectors.digest(WORKSHOP), 32));
        return attester;
    }

    private Path referenceValues(String pcr8Hex) throws Exception {
        return Files.writeString(dir.resolve("reference-values.json"), "[{\"version\":\"0.1.0\",\"name\":"
                + "\"tpm_pcr08\",\"expiration\":\"2099-01-01T00:00:00Z\",\"value\":[\"" + pcr8Hex + "\"]}]");
    }

    private DevKbs kbs(Path references) throws Exception {
        return DevKbs.start(dir.resolve("repository"), Optional.of(references), false, new AffirmingTeePolicy(),
                Duration.ofMinutes(5));
    }

    private static String workshopToml() {
        return InitDataVectors.vector(WORKSHOP).get("toml").asText();
    }

    private static String expectedPcr8() {
        return InitDataVectors.vector(WORKSHOP).get("pcr8_sha256_after_one_extend_from_zero_hex").asText();
    }

    @Test
    void matchingQuoteGetsATokenAndTheResourceByteExact() throws Exception {
        Tpm2ToolsAttester attester = measuredTpm(UnaryOperator.identity());
        try (DevKbs kbs = kbs(referenceValues(expectedPcr8()))) {
            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256);
            KbsToken token = new RcarClient(kbs.url(), KbsHttpClients.forCertificate(null), ONCE)
                    .attest(attester, key, workshopToml());
            HttpResponse<String> resource = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(kbs.url() + "/kbs/v0/resource/default/kbsres1/key1"))
                    .header("Authorization", "Bearer " + token.jwt()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resource.statusCode(), resource.body());
            assertArrayEquals(SECRET, key.decrypt(JSON.readTree(resource.body())));
            var claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.jwt().split("\\.")[1]));
            assertEquals(expectedPcr8(), claims.at("/submods/cpu0/ear.veraison.annotated-evidence/init_data").asText());
            assertEquals("affirming", claims.at("/submods/cpu0/ear.status").asText());
        }
    }

    @Test
    void otherInitDataIsDenied() throws Exception {
        Tpm2ToolsAttester attester = measuredTpm(UnaryOperator.identity());
        try (DevKbs kbs = kbs(referenceValues(expectedPcr8()))) {
            String other = InitDataVectors.vector("kata-default-initdata").get("toml").asText();
            KbsProtocolException e = assertThrows(KbsProtocolException.class,
                    () -> new RcarClient(kbs.url(), KbsHttpClients.forCertificate(null), ONCE).attest(attester,
                            TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), other));
            assertTrue(e.getMessage().contains("PCR 8 does not measure the presented initdata"), e.getMessage());
        }
    }

    @Test
    void pcr8OtherThanTheReferenceValueIsDenied() throws Exception {
        Tpm2ToolsAttester attester = measuredTpm(UnaryOperator.identity());
        try (DevKbs kbs = kbs(referenceValues("00".repeat(32)))) {
            KbsProtocolException e = assertThrows(KbsProtocolException.class,
                    () -> new RcarClient(kbs.url(), KbsHttpClients.forCertificate(null), ONCE).attest(attester,
                            TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), null));
            assertTrue(e.getMessage().contains("does not match reference value tpm_pcr08"), e.getMessage());
        }
    }

    @Test
    void quoteOverAnotherNonceIsDenied() throws Exception {
        Tpm2ToolsAttester attester = measuredTpm(nonce -> {
            byte[] tampered = nonce.clone();
            tampered[31] ^= 1;
            return tampered;
        });
        try (DevKbs kbs = kbs(referenceValues(expectedPcr8()))) {
            KbsProtocolException e = assertThrows(KbsProtocolException.class,
                    () -> new RcarClient(kbs.url(), KbsHttpClients.forCertificate(null), ONCE).attest(attester,
                            TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256), workshopToml()));
            assertTrue(e.getMessage().contains("nonce does not match"), e.getMessage());
        }
    }
}
