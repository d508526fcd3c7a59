package io.github.coco4j.aa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.azure.VtpmHandles;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HCL reports in the layout of Azure's paravisor (header, 1184-byte hardware report slot, IGVM
 * request data, JSON variable data with the vTPM AK as the {@code HCLAkPub} JWK and the user data),
 * for a vTPM that has no paravisor behind it. Only the AK key is included: with the EK as well the
 * report would not fit swtpm's 2048-byte NV indices.
 */
public final class HclReports {
    /** The most swtpm 0.7 stores in one NV index (TPM2_PT_NV_INDEX_MAX). */
    public static final int SWTPM_NV_INDEX_MAX = 2048;
    private static final int SIGNATURE_HCLA = 0x414c4348;
    private static final int REQUEST_TYPE = 2;
    private static final int HW_REPORT_SLOT = 1184;
    private static final int REQUEST_DATA_SIZE = 20;
    private static final int HASH_TYPE_SHA256 = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORDED = "attestation/trustee-verifier/";

    private HclReports() {
    }

    /**
     * An HCL report around {@code hardwareReport} (an SNP report for type 2, a TD report for type
     * 4) whose variable data names {@code ak} and carries {@code userData} zero-padded to 64 bytes,
     * as the paravisor writes the report data it found in NV 0x01400002. The whole is zero-padded
     * to {@code size} bytes, as Azure's NV index holds it.
     */
    public static byte[] build(int reportType, byte[] hardwareReport, RSAPublicKey ak, byte[] userData, int size) {
        byte[] variableData = variableData(ak, userData);
        int reportSize = 32 + HW_REPORT_SLOT + REQUEST_DATA_SIZE + variableData.length;
        if (reportSize > size) {
            throw new IllegalArgumentException("an HCL report of " + reportSize + " bytes does not fit " + size);
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // Header: the paravisor's report version is 1 for SNP and 2 for TDX in recorded reports.
        out.putInt(SIGNATURE_HCLA).putInt(reportType == 4 ? 2 : 1).putInt(reportSize).putInt(REQUEST_TYPE)
                .putInt(0).putInt(0).putInt(0).putInt(0);
        out.put(Arrays.copyOf(hardwareReport, HW_REPORT_SLOT));
        out.putInt(REQUEST_DATA_SIZE + variableData.length).putInt(1).putInt(reportType).putInt(HASH_TYPE_SHA256)
                .putInt(variableData.length);
        out.put(variableData);
        return out.array();
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
        byte[] nv = build(reportType, hardwareReport, ak, userData, SWTPM_NV_INDEX_MAX);
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

    private static byte[] variableData(RSAPublicKey ak, byte[] userData) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode key = root.putArray("keys").addObject();
        key.put("kid", "HCLAkPub");
        key.putArray("key_ops").add("sign");
        key.put("kty", "RSA");
        key.put("e", base64Url(ak.getPublicExponent()));
        key.put("n", base64Url(ak.getModulus()));
        root.putObject("vm-configuration").put("console-enabled", false).put("secure-boot", true)
                .put("tpm-enabled", true).put("vmUniqueId", "00000000-0000-0000-0000-000000000000");
        root.put("user-data", HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(userData, 64)));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
