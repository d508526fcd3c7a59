package io.github.coco4j.aa.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.testing.TestData;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Upstream's SNP reports through their JSON form and back: the same bytes, so the same signature. */
class SnpReportJsonTest {
    private static final String DIR = "attestation/trustee-verifier/";

    @Test
    void recordedReportsRoundTrip() {
        for (byte[] raw : new byte[][] {TestData.bytes(DIR + "snp/test-report.bin"),
            TestData.bytes(DIR + "snp/test-vlek-report.bin"), azureReport()}) {
            SnpReport report = SnpReport.parse(raw);
            assertArrayEquals(raw, SnpReportJson.parse(SnpReportJson.of(report)).raw());
        }
    }

    @Test
    void version2ReportsHaveNoCpuidAndSevCrateShapes() {
        ObjectNode json = SnpReportJson.of(SnpReport.parse(TestData.bytes(DIR + "snp/test-report.bin")));
        assertTrue(json.get("cpuid_fam_id").isNull());
        assertTrue(json.at("/reported_tcb/fmc").isNull());
        assertEquals(64, json.get("report_data").size());
        assertEquals(72, json.at("/signature/r").size());
        assertTrue(json.at("/current/major").isInt());
    }

    @Test
    void missingOrWrongFieldsAreRefused() {
        ObjectNode json = SnpReportJson.of(SnpReport.parse(TestData.bytes(DIR + "snp/test-report.bin")));
        json.remove("measurement");
        assertTrue(assertThrows(EvidenceFormatException.class, () -> SnpReportJson.parse(json)).getMessage()
                .contains("measurement"));
        json.set("measurement", json.get("host_data"));
        assertTrue(assertThrows(EvidenceFormatException.class, () -> SnpReportJson.parse(json)).getMessage()
                .contains("not 48 bytes"));
    }

    private static byte[] azureReport() {
        String hcl = TestData.json(DIR + "az-snp-vtpm/evidence-v2.json").get("hcl_report").asText();
        return HclReport.parse(Base64.getUrlDecoder().decode(hcl)).snpReport().raw();
    }
}
