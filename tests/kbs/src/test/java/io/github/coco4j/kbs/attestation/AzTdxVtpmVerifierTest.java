package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.aa.evidence.TdReport;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upstream's recorded Azure TDX vTPM evidence; one flipped bit in each checked part is refused. */
class AzTdxVtpmVerifierTest {
    private static final String DIR = "attestation/trustee-verifier/az-tdx-vtpm/";
    /** What upstream's tests asked this evidence for. */
    private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.US_ASCII);
    private static final AzTdxVtpmVerifier VERIFIER = new AzTdxVtpmVerifier();
    private static final int HCL_TD_REPORT = 32;
    private static final int QUOTE_BODY = 48;

    private static ObjectNode v1() {
        return (ObjectNode) TestData.json(DIR + "evidence-v1.json");
    }

    private static ObjectNode verify(JsonNode evidence, byte[] reportData, byte[] initDataDigest)
            throws VerificationException {
        return VERIFIER.verify(evidence, reportData, initDataDigest, ReferenceValues.empty());
    }

    private static String refusal(JsonNode evidence) {
        return assertThrows(VerificationException.class, () -> verify(evidence, CHALLENGE, null)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evidence-v1.json", "evidence-v0.json"})
    void recordedEvidenceVerifiesWithTrusteesClaims(String file) throws Exception {
        ObjectNode claims = verify(TestData.json(DIR + file), CHALLENGE, null);
        assertEquals("6368616c6c656e6765", claims.get("report_data").asText());
        assertEquals("782b20b10f55cc46e2142cc2145d548698073e5beb82752c8d7f9279f0d8a273",
                claims.at("/tpm/pcr00").asText());
        assertEquals(claims.at("/tpm/pcr08").asText(), claims.get("init_data").asText());
        assertEquals("0400", claims.at("/quote/header/version").asText());
        byte[] tdReport = HclReport.parse(TestData.bytes(DIR + "hcl-report.bin")).tdReport();
        String tdReportData = HexFormat.of().formatHex(TdReport.parse(tdReport).reportData());
        assertEquals(tdReportData, claims.at("/quote/body/report_data").asText());
        assertTrue(claims.at("/td_attributes/septve_disable").isBoolean());
    }

    @Test
    void initDataThatPcr8DoesNotMeasureIsRefused() {
        String message = assertThrows(VerificationException.class,
                () -> verify(v1(), CHALLENGE, HashAlgorithm.SHA256.digest(CHALLENGE))).getMessage();
        assertTrue(message.contains("PCR 8"), message);
    }

    @Test
    void anotherNonceIsRefused() {
        String message = assertThrows(VerificationException.class,
                () -> verify(v1(), "other".getBytes(StandardCharsets.US_ASCII), null)).getMessage();
        assertTrue(message.contains("nonce"), message);
    }

    @Test
    void flippedQuoteMessageBitBreaksTheAkSignature() {
        assertTrue(refusal(BitFlips.hex(v1(), "/tpm_quote/message", 40))
                .contains("not signed by the HCL report's AK"));
    }

    @Test
    void flippedQuoteSignatureBitIsRefused() {
        assertTrue(refusal(BitFlips.hex(v1(), "/tpm_quote/signature", 7))
                .contains("not signed by the HCL report's AK"));
    }

    @Test
    void flippedPcrBitBreaksTheQuotedDigest() {
        assertTrue(refusal(BitFlips.hexItem(v1(), "/tpm_quote/pcrs", 4, 0)).contains("PCR values do not match"));
    }

    @Test
    void flippedVariableDataBitBreaksTheTdReportBinding() {
        assertTrue(refusal(BitFlips.base64UrlAt(v1(), "hcl_report", "vm-configuration"))
                .contains("does not bind the HCL variable data"));
    }

    @Test
    void flippedTdReportDataBitBreaksTheBinding() {
        assertTrue(refusal(BitFlips.base64Url(v1(), "hcl_report", HCL_TD_REPORT + 128 + 3))
                .contains("does not bind the HCL variable data"));
    }

    @Test
    void flippedTdReportMeasurementDiffersFromTheQuote() {
        // RTMR2 of the TD report's TDINFO.
        assertTrue(refusal(BitFlips.base64Url(v1(), "hcl_report", HCL_TD_REPORT + 512 + 208 + 96 + 5))
                .contains("RTMR2 differs from the HCL report's TD report"));
    }

    @Test
    void flippedTdQuoteBodyBitBreaksItsSignature() {
        // MRTD in the quote body.
        assertTrue(refusal(BitFlips.base64Url(v1(), "td_quote", QUOTE_BODY + 136 + 1))
                .contains("TD quote is not signed by its attestation key"));
    }

    @Test
    void flippedTdQuoteSignatureBitIsRefused() {
        assertTrue(refusal(BitFlips.base64Url(v1(), "td_quote", QUOTE_BODY + 584 + 4 + 9))
                .contains("TD quote is not signed by its attestation key"));
    }
}
