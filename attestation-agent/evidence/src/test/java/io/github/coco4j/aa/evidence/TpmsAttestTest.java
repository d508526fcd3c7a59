package io.github.coco4j.aa.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.testing.Signatures;
import io.github.coco4j.testing.TestData;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TpmsAttestTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void tpmEvidenceQuoteSelectsAllSha256PcrsAndDigestsThem() throws Exception {
        JsonNode quote = TestData.json("attestation/trustee-verifier/tpm_evidence.json").get("tpm_quote");
        TpmsAttest attest = TpmsAttest.parse(Base64.getDecoder().decode(quote.get("message").asText()));
        assertEquals(List.of(new TpmsAttest.PcrSelection(TpmsAttest.TPM_ALG_SHA256,
                IntStream.range(0, 24).boxed().toList())), attest.pcrSelections());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (JsonNode pcr : quote.get("pcrs")) {
            sha256.update(HEX.parseHex(pcr.asText()));
        }
        assertArrayEquals(sha256.digest(), attest.pcrDigest());
        assertEquals(64, attest.extraData().length);
    }

    @Test
    void tpmEvidenceSignatureVerifiesWithTheAk() throws Exception {
        JsonNode evidence = TestData.json("attestation/trustee-verifier/tpm_evidence.json");
        JsonNode quote = evidence.get("tpm_quote");
        TpmtSignature signature = TpmtSignature.parse(Base64.getDecoder().decode(quote.get("signature").asText()));
        assertEquals(TpmtSignature.TPM_ALG_RSASSA, signature.signatureAlgorithm());
        assertEquals(TpmsAttest.TPM_ALG_SHA256, signature.hashAlgorithm());
        PublicKey ak = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(evidence.get("ak_public").asText())));
        assertTrue(Signatures.verifyRsaPkcs1(ak, Base64.getDecoder().decode(quote.get("message").asText()),
                signature.signature()));
    }

    @Test
    void azureQuoteMessageFileParses() {
        TpmsAttest attest = TpmsAttest.parse(TestData.bytes("attestation/trustee-verifier/az-snp-vtpm/tpm-quote.msg"));
        assertEquals(32, attest.pcrDigest().length);
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] message = TestData.bytes("attestation/trustee-verifier/az-snp-vtpm/tpm-quote.msg");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class,
                () -> TpmsAttest.parse(Arrays.copyOf(message, message.length + 1)));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void wrongMagicIsRejected() {
        byte[] message = TestData.bytes("attestation/trustee-verifier/az-snp-vtpm/tpm-quote.msg");
        message[0] = 0;
        assertThrows(EvidenceFormatException.class, () -> TpmsAttest.parse(message));
    }

    @Test
    void truncatedSignatureIsRejected() {
        assertThrows(EvidenceFormatException.class, () -> TpmtSignature.parse(new byte[] {0, 0x14, 0, 0x0b, 1, 0, 1}));
    }
}
