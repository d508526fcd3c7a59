package io.github.coco4j.aa.attester.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.initdata.Pcr8;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tpm attester on swtpm: upstream's evidence shape, a quote the AK really signed (checked by
 * tpm2-tools' verifier too), PCR8 binding.
 */
class TpmAttesterTest {
    @TempDir
    Path dir;
    Swtpm swtpm;
    TpmAttester attester;

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start(dir);
        attester = new TpmAttester(TpmAddress.parse(swtpm.address()));
    }

    @AfterEach
    void stop() {
        swtpm.close();
    }

    @Test
    void evidenceIsAQuoteOverAllPcrsSignedByThePersistentAkWithTheReportDataAsNonce() throws Exception {
        byte[] reportData = HashAlgorithm.SHA384.digest("runtime data".getBytes(StandardCharsets.UTF_8));
        JsonNode evidence = attester.evidence(reportData);
        JsonNode quote = evidence.get("tpm_quote");
        assertEquals(24, quote.get("pcrs").size());
        assertEquals(64, quote.get("pcrs").get(8).asText().length());
        byte[] message = Base64.getDecoder().decode(quote.get("message").asText());
        byte[] nonce = Arrays.copyOf(reportData, 32);
        assertTrue(indexOf(message, nonce) > 0, "the TPMS_ATTEST carries the nonce");

        RSAPublicKey ak = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(evidence.get("ak_public").asText())));
        byte[] signature = Base64.getDecoder().decode(quote.get("signature").asText());
        // TPMT_SIGNATURE: sigAlg (2), hash (2), size (2), then the RSASSA signature.
        int size = ByteBuffer.wrap(signature, 4, 2).getShort() & 0xffff;
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(ak);
        verifier.update(message);
        assertTrue(verifier.verify(Arrays.copyOfRange(signature, 6, 6 + size)), "the AK signed the quote");
    }

    @Test
    void evidenceChecksOutWithTpm2CheckquoteForItsNonceOnly() throws Exception {
        assumeTrue(Tpm2Tools.hasCheckquote(), "tpm2_checkquote is not installed");
        byte[] reportData = HashAlgorithm.SHA384.digest("checkquote".getBytes(StandardCharsets.UTF_8));
        try (TpmService tpm = TpmService.open(TpmAddress.parse(swtpm.address()))) {
            tpm.extendPcr(Pcr8.INDEX, HashAlgorithm.SHA256.digest("initdata".getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode evidence = attester.evidence(reportData);
        JsonNode quote = evidence.get("tpm_quote");
        byte[] akPublic = Base64.getDecoder().decode(evidence.get("ak_public").asText());
        byte[] message = Base64.getDecoder().decode(quote.get("message").asText());
        byte[] signature = Base64.getDecoder().decode(quote.get("signature").asText());
        List<byte[]> pcrs = new ArrayList<>();
        quote.get("pcrs").forEach(pcr -> pcrs.add(HexFormat.of().parseHex(pcr.asText())));
        byte[] nonce = Arrays.copyOf(reportData, 32);

        Tpm2Tools.checkQuote(dir, akPublic, message, signature, pcrs, nonce);

        byte[] otherNonce = nonce.clone();
        otherNonce[31] ^= 1;
        assertThrows(IllegalStateException.class,
                () -> Tpm2Tools.checkQuote(dir, akPublic, message, signature, pcrs, otherNonce));
        List<byte[]> otherPcrs = new ArrayList<>(pcrs);
        otherPcrs.set(Pcr8.INDEX, new byte[32]);
        assertThrows(IllegalStateException.class,
                () -> Tpm2Tools.checkQuote(dir, akPublic, message, signature, otherPcrs, nonce));
    }

    @Test
    void initdataIsBoundWhenPcr8IsOneExtendOfItsDigest() throws Exception {
        byte[] digest = HashAlgorithm.SHA256.digest("initdata".getBytes(StandardCharsets.UTF_8));
        assertThrows(InitDataMismatchException.class, () -> attester.verifyInitDataBinding(digest));
        try (TpmService tpm = TpmService.open(TpmAddress.parse(swtpm.address()))) {
            tpm.extendPcr(Pcr8.INDEX, Pcr8.extendValue(digest));
        }
        assertTrue(attester.verifyInitDataBinding(digest));
        assertArrayEquals(Pcr8.expected(digest), HexFormat.of().parseHex(
                attester.evidence(new byte[32]).get("tpm_quote").get("pcrs").get(8).asText()));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
