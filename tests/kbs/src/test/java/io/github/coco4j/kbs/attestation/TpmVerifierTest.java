package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.TpmsAttest;
import io.github.coco4j.testing.TestData;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** TPM evidence checks on upstream's recorded TPM evidence. */
class TpmVerifierTest {
    private static final TpmVerifier VERIFIER = new TpmVerifier();

    private static ObjectNode evidence() {
        return (ObjectNode) TestData.json("attestation/trustee-verifier/tpm_evidence.json");
    }

    private static byte[] quotedNonce(ObjectNode evidence) {
        return TpmsAttest.parse(Base64.getDecoder().decode(evidence.at("/tpm_quote/message").asText())).extraData();
    }

    private static String failure(ObjectNode evidence, byte[] reportData) {
        return assertThrows(VerificationException.class,
                () -> VERIFIER.verify(evidence, reportData, null, ReferenceValues.empty())).getMessage();
    }

    @Test
    void signatureAndPcrDigestHoldSoTheNonceIsWhatFails() {
        ObjectNode evidence = evidence();
        String message = failure(evidence, quotedNonce(evidence));
        assertTrue(message.contains("nonce does not match"), message);
    }

    @Test
    void tamperedPcrValueIsCaught() {
        ObjectNode evidence = evidence();
        ((ArrayNode) evidence.at("/tpm_quote/pcrs")).set(3, "11".repeat(32));
        String message = failure(evidence, quotedNonce(evidence));
        assertTrue(message.contains("PCR values do not match"), message);
    }

    @Test
    void tamperedMessageBreaksTheSignature() {
        ObjectNode evidence = evidence();
        byte[] message = Base64.getDecoder().decode(evidence.at("/tpm_quote/message").asText());
        message[message.length - 1] ^= 1;
        ((ObjectNode) evidence.get("tpm_quote")).put("message", Base64.getEncoder().encodeToString(message));
        assertTrue(failure(evidence, new byte[48]).contains("signature does not verify"));
    }

    @Test
    void anotherAkIsRefused() {
        ObjectNode evidence = evidence();
        evidence.put("ak_public", Base64.getEncoder().encodeToString(new byte[] {0x30, 0}));
        assertTrue(failure(evidence, new byte[48]).contains("ak_public"));
    }
}
