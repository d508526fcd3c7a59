package io.github.coco4j.aa.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The report Azure's paravisor (HCL) keeps in vTPM NV index 0x01400001 of a confidential VM: a
 * 32-byte header, the hardware report (SNP attestation report or TDX TD report) in a 1184-byte
 * slot, the IGVM request data, and a JSON "variable data" section (the vTPM AK as JWK and the
 * user data the guest wrote to NV 0x01400002). The hardware report's report data holds the
 * SHA-256 of the variable data.
 */
public final class HclReport {
    public static final int SNP_REPORT_TYPE = 2;
    public static final int TDX_REPORT_TYPE = 4;
    private static final int HEADER_SIZE = 32;
    private static final int HW_REPORT_SLOT = SnpReport.SIZE;
    private static final int TD_REPORT_SIZE = 1024;
    private static final int REQUEST_DATA_OFFSET = HEADER_SIZE + HW_REPORT_SLOT;
    private static final int VARIABLE_DATA_OFFSET = REQUEST_DATA_OFFSET + 20;
    private static final int HASH_TYPE_SHA256 = 1;
    private static final String AK_KEY_ID = "HCLAkPub";

    private final byte[] raw;
    private final int reportType;
    private final int variableDataSize;

    private HclReport(byte[] raw, int reportType, int variableDataSize) {
        this.raw = raw;
        this.reportType = reportType;
        this.variableDataSize = variableDataSize;
    }

    public static HclReport parse(byte[] report) {
        ByteReader in = new ByteReader(report, REQUEST_DATA_OFFSET, "HCL report");
        in.u32le("request data size");
        in.u32le("request data version");
        int type = (int) in.u32le("report type");
        in.u32le("report data hash type");
        long varSize = in.u32le("variable data size");
        if (type != SNP_REPORT_TYPE && type != TDX_REPORT_TYPE) {
            throw new EvidenceFormatException("HCL report: report type " + type + " is neither SNP (2) nor TDX (4)");
        }
        if (varSize > in.remaining()) {
            throw new EvidenceFormatException("HCL report: variable data size " + varSize + " exceeds the "
                    + in.remaining() + " bytes left");
        }
        return new HclReport(report.clone(), type, (int) varSize);
    }

    public byte[] raw() {
        return raw.clone();
    }

    /** {@link #SNP_REPORT_TYPE} or {@link #TDX_REPORT_TYPE}. */
    public int reportType() {
        return reportType;
    }

    /** The SNP attestation report inside; fails when the HCL report carries a TD report. */
    public SnpReport snpReport() {
        requireType(SNP_REPORT_TYPE, "an SNP report");
        return SnpReport.parse(Arrays.copyOfRange(raw, HEADER_SIZE, HEADER_SIZE + SnpReport.SIZE));
    }

    /** The 1024-byte TDX TD report inside; fails when the HCL report carries an SNP report. */
    public byte[] tdReport() {
        requireType(TDX_REPORT_TYPE, "a TD report");
        return Arrays.copyOfRange(raw, HEADER_SIZE, HEADER_SIZE + TD_REPORT_SIZE);
    }

    private void requireType(int wanted, String what) {
        if (reportType != wanted) {
            throw new EvidenceFormatException("HCL report: carries report type " + reportType + ", not " + what);
        }
    }

    public byte[] variableData() {
        return Arrays.copyOfRange(raw, VARIABLE_DATA_OFFSET, VARIABLE_DATA_OFFSET + variableDataSize);
    }

    /** SHA-256 of the variable data, the value the hardware report's report data starts with. */
    public byte[] variableDataSha256() {
        long hashType = new ByteReader(raw, REQUEST_DATA_OFFSET + 12, "HCL report").u32le("report data hash type");
        if (hashType != HASH_TYPE_SHA256) {
            throw new EvidenceFormatException("HCL report: report data hash type " + hashType + " is not SHA-256 (1)");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(variableData());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The variable data as JSON ({@code keys}, {@code vm-configuration}, {@code user-data}). */
    public JsonNode variableDataJson() {
        try {
            return JsonTrees.read(variableData());
        } catch (IOException e) {
            throw new EvidenceFormatException("HCL report: variable data is not JSON: " + e.getMessage());
        }
    }

    /**
     * The vTPM attestation key: the {@code HCLAkPub} JWK of the variable data. The hardware report
     * vouches for it through the variable data hash, and it signs the vTPM's quotes.
     */
    public PublicKey attestationKey() {
        JsonNode keys = variableDataJson().path("keys");
        for (JsonNode key : keys) {
            if (AK_KEY_ID.equals(key.path("kid").asText())) {
                try {
                    return RSAKey.parse(JsonTrees.write(key)).toPublicKey();
                } catch (ParseException | JOSEException e) {
                    throw new EvidenceFormatException("HCL report: " + AK_KEY_ID + " is not an RSA JWK: " + e.getMessage());
                }
            }
        }
        throw new EvidenceFormatException("HCL report: variable data has no " + AK_KEY_ID + " key");
    }

    /** The user data (the report data the guest asked for, zero-padded to 64 bytes) from the variable data. */
    public byte[] userData() {
        JsonNode userData = variableDataJson().get("user-data");
        if (userData == null || !userData.isTextual()) {
            throw new EvidenceFormatException("HCL report: variable data has no user-data string");
        }
        try {
            return HexFormat.of().parseHex(userData.asText());
        } catch (IllegalArgumentException e) {
            throw new EvidenceFormatException("HCL report: user-data is not hex: " + e.getMessage());
        }
    }
}
