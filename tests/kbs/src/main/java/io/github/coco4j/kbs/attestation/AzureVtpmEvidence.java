package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.HclReport;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What Azure's vTPM evidence is for either TEE (Trustee's az-tdx-vtpm verifier reuses the
 * az-snp-vtpm one's steps): the vTPM quote and the HCL report, in the first evidence version
 * (no {@code version}, byte arrays) or a later one (base64url). The checks of the vTPM part: the
 * quote is signed by the AK of the HCL report's variable data and carries the handshake's report
 * data as nonce; the hardware report binds the variable data (its report data starts with the
 * variable data's SHA-256); from version 2 the variable data's user data starts with the report
 * data; PCR8 measures the presented initdata.
 */
final class AzureVtpmEvidence {
    private static final int USER_DATA_BINDING_VERSION = 2;
    private static final HexFormat HEX = HexFormat.of();

    private final JsonNode evidence;
    private final String tee;
    private final VtpmQuote quote;
    private final HclReport hcl;

    private AzureVtpmEvidence(JsonNode evidence, String tee, VtpmQuote quote, HclReport hcl) {
        this.evidence = evidence;
        this.tee = tee;
        this.quote = quote;
        this.hcl = hcl;
    }

    /** The evidence's quote and HCL report; the first version named them {@code firstQuote} and {@code firstReport}. */
    static AzureVtpmEvidence parse(JsonNode evidence, String tee, String firstQuote, String firstReport)
            throws VerificationException {
        VtpmQuote quote = VtpmQuote.of(evidence.get(first(evidence) ? firstQuote : "tpm_quote"), tee);
        byte[] report = bytes(evidence, tee, "hcl_report", firstReport);
        try {
            return new AzureVtpmEvidence(evidence, tee, quote, HclReport.parse(report));
        } catch (EvidenceFormatException e) {
            throw new VerificationException(tee + " evidence: " + e.getMessage());
        }
    }

    /** Whether this is the first evidence version (no {@code version} field). */
    boolean first() {
        return first(evidence);
    }

    private static boolean first(JsonNode evidence) {
        return !evidence.has("version");
    }

    /** A byte field: bytes (or hex) under {@code firstName} in the first version, base64url under {@code name}. */
    byte[] bytes(String name, String firstName) throws VerificationException {
        return bytes(evidence, tee, name, firstName);
    }

    private static byte[] bytes(JsonNode evidence, String tee, String name, String firstName)
            throws VerificationException {
        return first(evidence) ? EvidenceBytes.of(evidence.get(firstName), firstName, tee)
                : EvidenceBytes.base64(evidence.get(name), name, tee);
    }

    HclReport hcl() {
        return hcl;
    }

    /** The vTPM part's checks, {@code hardwareReportData} being the report data of the HCL report's hardware report. */
    void verify(byte[] hardwareReportData, byte[] expectedReportData, byte[] initDataDigest)
            throws VerificationException {
        try {
            quote.verify(hcl.attestationKey(), expectedReportData, tee);
            if (!Arrays.equals(hcl.variableDataSha256(), Arrays.copyOf(hardwareReportData, 32))) {
                throw refused("the hardware report's report data does not bind the HCL variable data");
            }
            if (evidence.path("version").asInt(0) >= USER_DATA_BINDING_VERSION && !Arrays.equals(expectedReportData,
                    Arrays.copyOf(hcl.userData(), expectedReportData.length))) {
                throw refused("the HCL user data does not match the handshake's report data");
            }
        } catch (EvidenceFormatException e) {
            throw refused(e.getMessage());
        }
        if (initDataDigest != null) {
            TpmVerifier.checkInitData(quote.pcrs().get(TpmVerifier.INITDATA_PCR), initDataDigest);
        }
    }

    /** Trustee's vTPM claims added to the TEE's: PCRs under {@code tpm}, PCR8 as init data, the nonce as report data. */
    ObjectNode addClaims(ObjectNode claims, byte[] nonce) {
        ObjectNode tpm = claims.putObject("tpm");
        for (int i = 0; i < quote.pcrs().size(); i++) {
            tpm.put(TpmVerifier.pcrClaim(i), HEX.formatHex(quote.pcrs().get(i)));
        }
        claims.put("init_data", HEX.formatHex(quote.pcrs().get(TpmVerifier.INITDATA_PCR)));
        claims.put("report_data", HEX.formatHex(nonce));
        return claims;
    }

    VerificationException refused(String reason) {
        return new VerificationException(tee + " evidence: " + reason);
    }
}
