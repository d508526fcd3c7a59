package io.github.coco4j.aa.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.testing.Signatures;
import io.github.coco4j.testing.TestData;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HclReportTest {
    /** The report data upstream's README gives for az-snp-vtpm/evidence-v2.json. */
    static final String EVIDENCE_V2_REPORT_DATA =
            "982f5c6e45df0ed3f10b6f60b02f0c8390e281300f3805e2279c16168cd6ae9aa398f647caa2338748cd0fd9f5f819ef";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void snpEvidenceV2UserDataIsTheReportData() {
        HclReport hcl = HclReport.parse(urlDecode(evidenceV2().get("hcl_report").asText()));
        assertEquals(HclReport.SNP_REPORT_TYPE, hcl.reportType());
        byte[] userData = hcl.userData();
        assertEquals(64, userData.length);
        assertEquals(EVIDENCE_V2_REPORT_DATA, HEX.formatHex(Arrays.copyOf(userData, 48)));
        assertArrayEquals(new byte[16], Arrays.copyOfRange(userData, 48, 64));
    }

    @Test
    void snpReportDataBindsTheVariableData() {
        HclReport hcl = HclReport.parse(urlDecode(evidenceV2().get("hcl_report").asText()));
        assertArrayEquals(hcl.variableDataSha256(), Arrays.copyOf(hcl.snpReport().reportData(), 32));
    }

    @Test
    void nestedSnpReportVerifiesWithTheEvidenceVcek() throws Exception {
        JsonNode evidence = evidenceV2();
        HclReport hcl = HclReport.parse(urlDecode(evidence.get("hcl_report").asText()));
        assertTrue(SnpReportTest.verifiesWith(hcl.snpReport(),
                SnpReportTest.certificate(urlDecode(evidence.get("vcek").asText()))));
    }

    @Test
    void vtpmQuoteIsSignedByTheHclAkAndCarriesTheReportData() throws Exception {
        JsonNode evidence = evidenceV2();
        HclReport hcl = HclReport.parse(urlDecode(evidence.get("hcl_report").asText()));
        PublicKey ak = hcl.attestationKey();
        JsonNode quote = evidence.get("tpm_quote");
        byte[] message = HEX.parseHex(quote.get("message").asText());
        assertTrue(Signatures.verifyRsaPkcs1(ak, message, HEX.parseHex(quote.get("signature").asText())));
        assertEquals(EVIDENCE_V2_REPORT_DATA, HEX.formatHex(TpmsAttest.parse(message).extraData()));
    }

    @Test
    void tdxHclReportCarriesTheTdReportTheTdQuoteWasMadeFrom() {
        JsonNode evidence = TestData.json("attestation/trustee-verifier/az-tdx-vtpm/evidence-v1.json");
        HclReport hcl = HclReport.parse(urlDecode(evidence.get("hcl_report").asText()));
        assertEquals(HclReport.TDX_REPORT_TYPE, hcl.reportType());
        byte[] tdReport = hcl.tdReport();
        assertEquals(1024, tdReport.length);
        TdxQuote quote = TdxQuote.parse(urlDecode(evidence.get("td_quote").asText()));
        assertArrayEquals(Arrays.copyOfRange(tdReport, 128, 192), quote.reportData(),
                "TD report REPORTDATA is what the quote carries");
        assertArrayEquals(hcl.variableDataSha256(), Arrays.copyOf(quote.reportData(), 32));
        assertThrows(EvidenceFormatException.class, hcl::snpReport);
    }

    @Test
    void aMissingAttestationKeyIsReported() {
        byte[] raw = TestData.bytes("attestation/trustee-verifier/az-snp-vtpm/hcl-report.bin");
        int kid = new String(raw, StandardCharsets.ISO_8859_1).indexOf("HCLAkPub");
        raw[kid] = 'X';
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> HclReport.parse(raw).attestationKey());
        assertTrue(e.getMessage().contains("no HCLAkPub"), e.getMessage());
    }

    @Test
    void recordedHclReportFilesParse() {
        for (String file : new String[] {"az-snp-vtpm/hcl-report.bin", "az-tdx-vtpm/hcl-report.bin"}) {
            HclReport hcl = HclReport.parse(TestData.bytes("attestation/trustee-verifier/" + file));
            assertTrue(hcl.variableDataJson().has("keys"), file);
            assertEquals("RSA", hcl.attestationKey().getAlgorithm(), file);
        }
    }

    @Test
    void unknownReportTypeIsRejected() {
        byte[] raw = TestData.bytes("attestation/trustee-verifier/az-snp-vtpm/hcl-report.bin");
        raw[1216 + 8] = 9;
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> HclReport.parse(raw));
        assertTrue(e.getMessage().contains("report type 9"), e.getMessage());
    }

    static JsonNode evidenceV2() {
        return TestData.json("attestation/trustee-verifier/az-snp-vtpm/evidence-v2.json");
    }

    static byte[] urlDecode(String value) {
        return Base64.getUrlDecoder().decode(value);
    }
}
