package io.github.coco4j.aa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.aa.attester.azure.VtpmHandles;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.devplatform.HclReportLayout;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Azure vTPM state for tests on swtpm: the paravisor's AK and an HCL report (in
 * {@link HclReportLayout}'s layout) in its NV index, around recorded hardware reports.
 */
public final class HclReports {
    /** The most swtpm 0.7 stores in one NV index (TPM2_PT_NV_INDEX_MAX). */
    public static final int SWTPM_NV_INDEX_MAX = HclReportLayout.SWTPM_NV_INDEX_MAX;
    private static final String RECORDED = "attestation/trustee-verifier/";

    private HclReports() {
    }

    /** Persists an AK where Azure's paravisor keeps the vTPM's (0x81000003) and returns its public key. */
    public static RSAPublicKey provisionAk(TpmAddress address) throws GeneralSecurityException {
        try (TpmService tpm = TpmService.open(address)) {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(tpm.attestationKey(VtpmHandles.AZURE.attestationKey())));
        }
    }

    /**
     * Writes to NV 0x01400001 the HCL report the paravisor would hold after the guest asked for
     * {@code userData}, sized as swtpm allows; returns the NV content.
     */
    public static byte[] provision(TpmAddress address, int reportType, byte[] hardwareReport, RSAPublicKey ak,
                                   byte[] userData) {
        byte[] nv = HclReportLayout.build(reportType, hardwareReport, HclReportLayout.variableData(ak, userData),
                SWTPM_NV_INDEX_MAX);
        try (TpmService tpm = TpmService.open(address)) {
            tpm.writeNv(VtpmHandles.AZURE.hclReport(), nv);
        }
        return nv;
    }

    /** The recorded SNP attestation report (1184 bytes). */
    public static byte[] recordedSnpReport() {
        return TestData.bytes(RECORDED + "snp/test-report.bin");
    }

    /** The TD report inside the recorded az-tdx-vtpm evidence, the one its TD quote was made for. */
    public static byte[] recordedTdReport() {
        JsonNode evidence = TestData.json(RECORDED + "az-tdx-vtpm/evidence-v1.json");
        return HclReport.parse(Base64.getUrlDecoder().decode(evidence.get("hcl_report").asText())).tdReport();
    }

    /** The TD quote recorded for {@link #recordedTdReport()}. */
    public static byte[] recordedTdQuote() {
        return TestData.bytes(RECORDED + "az-tdx-vtpm/td-quote.bin");
    }

    /** The recorded VCEK certificate followed by its AMD chain (PEM), as IMDS serves them. */
    public static String recordedCertificationPem() {
        return new String(TestData.bytes(RECORDED + "az-snp-vtpm/vcek.pem"), StandardCharsets.US_ASCII);
    }
}
