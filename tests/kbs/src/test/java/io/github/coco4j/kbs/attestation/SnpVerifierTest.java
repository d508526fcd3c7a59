package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.SnpReport;
import io.github.coco4j.aa.evidence.SnpReportJson;
import io.github.coco4j.testing.TestData;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Upstream's recorded SNP reports with their VCEK and VLEK, verified with AMD's roots; flipped bits refused. */
class SnpVerifierTest {
    private static final String DIR = "attestation/trustee-verifier/snp/";
    private static final SnpVerifier VERIFIER = new SnpVerifier(SnpCertificates.amd());
    private static final int SIGNATURE_R = 0x2A0;

    private static byte[] report(String file) {
        return TestData.bytes(DIR + file);
    }

    /** Evidence as upstream's attester sends it: the report's JSON form and a cert chain with the key. */
    private static ObjectNode evidence(byte[] report, String keyType, byte[] key) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.set("attestation_report", SnpReportJson.of(SnpReport.parse(report)));
        ObjectNode entry = evidence.putArray("cert_chain").addObject();
        entry.put("cert_type", keyType);
        ArrayNode data = entry.putArray("data");
        for (byte b : key) {
            data.add(b & 0xff);
        }
        return evidence;
    }

    private static ObjectNode vcekEvidence(byte[] report) {
        return evidence(report, "VCEK", TestData.bytes(DIR + "test-vcek.der"));
    }

    private static ObjectNode verify(ObjectNode evidence, byte[] reportData, byte[] initDataDigest)
            throws VerificationException {
        return VERIFIER.verify(evidence, reportData, initDataDigest, ReferenceValues.empty());
    }

    private static byte[] reportData(byte[] report) {
        return SnpReport.parse(report).reportData();
    }

    private static String refusal(ObjectNode evidence, byte[] reportData) {
        return assertThrows(VerificationException.class, () -> verify(evidence, reportData, null)).getMessage();
    }

    @Test
    void recordedReportVerifiesWithTheVcekAndTrusteesClaims() throws Exception {
        byte[] report = report("test-report.bin");
        SnpReport parsed = SnpReport.parse(report);
        ObjectNode claims = verify(vcekEvidence(report), reportData(report), parsed.hostData());
        assertEquals(HexFormat.of().formatHex(parsed.measurement()), claims.get("measurement").asText());
        assertEquals(HexFormat.of().formatHex(parsed.hostData()), claims.get("init_data").asText());
        assertEquals(HexFormat.of().formatHex(parsed.chipId()), claims.get("chip_id").asText());
        assertTrue(claims.get("policy_debug_allowed").isBoolean());
        assertTrue(claims.get("reported_tcb_snp").isNumber());
    }

    /** The VLEK chains to the ASVK and signs its report, which then fails only for coming from VMPL 1. */
    @Test
    void recordedVlekReportIsEndorsedButFromVmpl1() {
        byte[] report = report("test-vlek-report.bin");
        String message = refusal(evidence(report, "VLEK", TestData.bytes(DIR + "test-vlek.der")), reportData(report));
        assertTrue(message.contains("from VMPL 1"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-vcek-invalid-legacy.der", "test-vcek-invalid-new.der"})
    void invalidVceksAreRefused(String vcek) {
        byte[] report = report("test-report.bin");
        String message = refusal(evidence(report, "VCEK", TestData.bytes(DIR + vcek)), reportData(report));
        assertTrue(message.contains("endorsement key") || message.contains("VCEK"), message);
    }

    @Test
    void theVlekDoesNotEndorseTheVcekReport() {
        byte[] report = report("test-report.bin");
        String message = refusal(evidence(report, "VLEK", TestData.bytes(DIR + "test-vlek.der")), reportData(report));
        assertTrue(message.contains("VCEK") || message.contains("SPL"), message);
    }

    @ParameterizedTest
    @CsvSource({
        "measurement, " + 0x90,
        "host data, " + 0xC0,
        "policy, " + 0x08,
        "signature r, " + (SIGNATURE_R + 7),
        "signature s, " + (SIGNATURE_R + 72 + 7)})
    void flippedReportBitBreaksTheVcekSignature(String field, int offset) {
        byte[] report = report("test-report.bin");
        byte[] reportData = reportData(report);
        byte[] flipped = BitFlips.flip(Arrays.copyOf(report, report.length), offset);
        assertTrue(refusal(vcekEvidence(flipped), reportData).contains("not signed by the VCEK"), field);
    }

    @Test
    void flippedVcekBitBreaksTheChainToAmd() {
        byte[] report = report("test-report.bin");
        byte[] vcek = TestData.bytes(DIR + "test-vcek.der");
        String message = refusal(evidence(report, "VCEK", BitFlips.flip(vcek, vcek.length - 10)), reportData(report));
        assertTrue(message.contains("endorsement key"), message);
    }

    @Test
    void otherReportDataAndInitDataAreRefused() {
        byte[] report = report("test-report.bin");
        byte[] other = reportData(report);
        other[0] ^= 1;
        assertTrue(refusal(vcekEvidence(report), other).contains("REPORT_DATA"));
        byte[] initData = new byte[32];
        initData[31] = 1;
        String message = assertThrows(VerificationException.class,
                () -> verify(vcekEvidence(report), reportData(report), initData)).getMessage();
        assertTrue(message.contains("HOST_DATA"), message);
    }

    @Test
    void aReportWithoutVcekIsRefused() {
        byte[] report = report("test-report.bin");
        ObjectNode evidence = vcekEvidence(report);
        evidence.putNull("cert_chain");
        assertTrue(refusal(evidence, reportData(report)).contains("no VCEK or VLEK"));
    }
}
