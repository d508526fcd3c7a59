package io.github.coco4j.devplatform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HCL reports in the layout of Azure's paravisor (header, 1184-byte hardware report slot, IGVM
 * request data, JSON variable data with the vTPM AK as the {@code HCLAkPub} JWK and the user data),
 * for a vTPM that has no paravisor behind it. Only the AK key is included: with the EK as well the
 * report would not fit swtpm's 2048-byte NV indices.
 */
public final class HclReportLayout {
    /** The most swtpm 0.7 stores in one NV index (TPM2_PT_NV_INDEX_MAX). */
    public static final int SWTPM_NV_INDEX_MAX = 2048;
    private static final int SIGNATURE_HCLA = 0x414c4348;
    private static final int REQUEST_TYPE = 2;
    private static final int HW_REPORT_SLOT = 1184;
    private static final int REQUEST_DATA_SIZE = 20;
    private static final int HASH_TYPE_SHA256 = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HclReportLayout() {
    }

    /**
     * The variable data naming {@code ak} and carrying {@code userData} zero-padded to 64 bytes, as
     * the paravisor writes the report data it found in NV 0x01400002. Its SHA-256 is what the
     * hardware report's report data starts with.
     */
    public static byte[] variableData(RSAPublicKey ak, byte[] userData) {
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

    /**
     * An HCL report around {@code hardwareReport} (an SNP report for type 2, a TD report for type 4)
     * and {@code variableData}, zero-padded to {@code size} bytes, as Azure's NV index holds it.
     */
    public static byte[] build(int reportType, byte[] hardwareReport, byte[] variableData, int size) {
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

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
