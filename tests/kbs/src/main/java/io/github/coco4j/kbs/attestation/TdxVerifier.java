package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.TdxQuote;
import java.util.Arrays;

/**
 * Intel TDX evidence ({@code {"cc_eventlog": <base64>|null, "quote": <base64>}}), checked as
 * Trustee's verifier checks it as far as that is possible without Intel's collateral service: the
 * TD quote (v4/v5) is signed by the attestation key it carries, its REPORTDATA is the handshake's
 * report data (zero-padded to 64 bytes) and, when initdata is presented, its MRCONFIGID is the
 * initdata digest (zero-padded to 48 bytes). Not checked: that the attestation key chains to
 * Intel (quoting enclave report, PCK certificates, TCB info from Intel's PCS), and the event log,
 * which is not replayed against the RTMRs and so is not among the claims.
 */
final class TdxVerifier implements EvidenceVerifier {
    static final String TEE = "tdx";
    private static final String PREFIX = TEE + " evidence: ";
    private static final int REPORT_DATA_SIZE = 64;
    private static final int MR_CONFIG_ID_SIZE = 48;

    @Override
    public ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest,
                             ReferenceValues references) throws VerificationException {
        byte[] bytes = EvidenceBytes.base64(evidence.get("quote"), "quote", TEE);
        if (bytes.length == 0) {
            throw new VerificationException(PREFIX + "the TD quote is empty");
        }
        TdxQuote quote = TdxQuotes.parse(bytes, TEE);
        TdxQuotes.verifySignature(quote, TEE);
        if (!Arrays.equals(Arrays.copyOf(expectedReportData, REPORT_DATA_SIZE), quote.reportData())) {
            throw new VerificationException(PREFIX + "the TD quote's REPORTDATA is not the handshake's report data");
        }
        if (initDataDigest != null && !Arrays.equals(Arrays.copyOf(initDataDigest, MR_CONFIG_ID_SIZE),
                quote.mrConfigId())) {
            throw new VerificationException(PREFIX + "the TD quote's MRCONFIGID is not the presented initdata's "
                    + "digest");
        }
        return TdxClaims.of(quote);
    }
}
