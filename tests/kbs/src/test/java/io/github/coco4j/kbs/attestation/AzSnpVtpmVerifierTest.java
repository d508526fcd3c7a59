package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream's recorded Azure SEV-SNP vTPM evidence, verified with AMD's roots; one flipped bit anywhere signed is refused. */
class AzSnpVtpmVerifierTest {
    private static final String DIR = "attestation/trustee-verifier/az-snp-vtpm/";
    private static final byte[] V2_REPORT_DATA = HexFormat.of().parseHex("982f5c6e45df0ed3f10b6f60b02f0c8390e28130"
            + "0f3805e2279c16168cd6ae9aa398f647caa2338748cd0fd9f5f819ef");
    /** What upstream's tests asked the first evidence versions for. */
    private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.US_ASCII);
    private static final AzSnpVtpmVerifier VERIFIER = new AzSnpVtpmVerifier(SnpCertificates.amd());

    private static ObjectNode evidence(String file) {
        return (ObjectNode) TestData.json(DIR + file);
    }

    private static ObjectNode v2() {
        return evidence("evidence-v2.json");
    }

    private static ObjectNode verify(JsonNode evidence, byte[] reportData) throws VerificationException {
        return VERIFIER.verify(evidence, reportData, null, ReferenceValues.empty());
    }

    private static String refusal(JsonNode evidence) {
        return assertThrows(VerificationException.class, () -> verify(evidence, V2_REPORT_DATA)).getMessage();
    }

    @Test
    void version2EvidenceVerifiesWithTrusteesClaims() throws Exception {
        ObjectNode claims = verify(evidence("evidence-v2.json"), V2_REPORT_DATA);
        assertEquals("84275b2f4312cd4fc6cbe6b152ad3c3683e513d9f1e23c34fca160c8cca7a6a7", claims.at("/tpm/pcr00").asText());
        assertEquals(HexFormat.of().formatHex(V2_REPORT_DATA), claims.get("report_data").asText());
        assertEquals(claims.at("/tpm/pcr08").asText(), claims.get("init_data").asText());
        assertEquals("false", claims.get("policy_debug_allowed").asText());
        assertEquals(48, Base64.getDecoder().decode(claims.get("measurement").asText()).length);
    }

    @ParameterizedTest
    @CsvSource({
        "evidence-v1.json, 6368616c6c656e6765",
        "evidence-v0.json, 6368616c6c656e6765",
        "evidence-genoa.json, 0218488bae25d2509232bf676f1a66a30d7372add909109b36016ef136f2938ca05475f8b46094de6b64270ea35d950f"})
    void earlierVersionsAndGenoaVerify(String file, String reportDataHex) throws Exception {
        ObjectNode claims = verify(evidence(file), HexFormat.of().parseHex(reportDataHex));
        assertEquals(reportDataHex, claims.get("report_data").asText());
    }

    @Test
    void anotherNonceIsRefused() {
        String message = assertThrows(VerificationException.class,
                () -> verify(evidence("evidence-v2.json"), CHALLENGE)).getMessage();
        assertTrue(message.contains("nonce"), message);
    }

    @Test
    void flippedQuoteMessageBitBreaksTheAkSignature() {
        assertTrue(refusal(BitFlips.hex(v2(), "/tpm_quote/message", 40))
                .contains("not signed by the HCL report's AK"));
    }

    @Test
    void flippedQuoteSignatureBitIsRefused() {
        assertTrue(refusal(BitFlips.hex(v2(), "/tpm_quote/signature", 10))
                .contains("not signed by the HCL report's AK"));
    }

    @Test
    void flippedPcrBitBreaksTheQuotedDigest() {
        assertTrue(refusal(BitFlips.hexItem(v2(), "/tpm_quote/pcrs", 11, 3))
                .contains("PCR values do not match"));
    }

    @Test
    void flippedVariableDataBitBreaksTheReportDataBinding() {
        // A letter of the variable data's "user-data" key: still JSON, still the same AK.
        assertTrue(refusal(BitFlips.base64UrlAt(v2(), "hcl_report", "user-data"))
                .contains("does not bind the HCL variable"));
    }

    @Test
    void flippedSnpReportBitBreaksTheVcekSignature() {
        // The SNP report's measurement, at 0x90 in the report, 32 bytes into the HCL report.
        assertTrue(refusal(BitFlips.base64Url(v2(), "hcl_report", 32 + 0x90))
                .contains("not signed by the VCEK"));
    }

    @Test
    void flippedSnpSignatureBitIsRefused() {
        assertTrue(refusal(BitFlips.base64Url(v2(), "hcl_report", 32 + 0x2A0 + 5))
                .contains("not signed by the VCEK"));
    }

    @Test
    void flippedVcekBitBreaksTheChainToAmd() {
        ObjectNode evidence = BitFlips.base64Url(v2(), "vcek",
                vcek -> BitFlips.flip(vcek, vcek.length - 10));
        assertTrue(refusal(evidence).contains("endorsement key"), refusal(evidence));
    }

    @Test
    void aDevelopmentRootIsNeverAmds(@TempDir Path dir) throws Exception {
        Path ark = dir.resolve("ark.pem");
        try (InputStream in = SnpCertificates.class.getResourceAsStream(
                "/io/github/coco4j/kbs/attestation/amd/milan_ask_ark_asvk.pem")) {
            Files.write(ark, in.readAllBytes());
        }
        String message = assertThrows(IOException.class, () -> SnpCertificates.amd().withDevelopmentRoot(ark))
                .getMessage();
        assertTrue(message.contains("AMD's root"), message);
    }
}
