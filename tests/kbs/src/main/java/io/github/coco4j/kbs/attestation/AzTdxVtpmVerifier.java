package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.TdReport;
import io.github.coco4j.aa.evidence.TdxQuote;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Azure TDX confidential VMs with a vTPM ({@code az-tdx-vtpm}), checked as Trustee's verifier
 * checks them as far as that is possible without Intel's collateral service: the vTPM part as for
 * {@code az-snp-vtpm} (AK-signed quote of the PCRs with the handshake's nonce, user data, PCR8),
 * with the HCL report's TD report binding the variable data; the TD quote is signed by its
 * attestation key and quotes the same TD as that TD report (report data, measurements, TDX module
 * and TCB). Not checked: that the quote's attestation key chains to Intel (quoting enclave report,
 * PCK certificates, TCB info from Intel's PCS). Claims: the TD quote's as Trustee names them, the
 * PCRs under {@code tpm}, PCR8 as {@code init_data} and the nonce as {@code report_data}.
 * Evidence versions 0, 1 and 2.
 */
final class AzTdxVtpmVerifier implements EvidenceVerifier {
    static final String TEE = "az-tdx-vtpm";
    private static final String TD_QUOTE = "td_quote";
    private static final List<Map.Entry<String, Function<TdxQuote.Body, byte[]>>> TD_FIELDS = List.of(
            Map.entry("report data", TdxQuote.Body::reportData),
            Map.entry("MRTD", TdxQuote.Body::mrTd),
            Map.entry("RTMR0", body -> body.rtmrs().get(0)),
            Map.entry("RTMR1", body -> body.rtmrs().get(1)),
            Map.entry("RTMR2", body -> body.rtmrs().get(2)),
            Map.entry("RTMR3", body -> body.rtmrs().get(3)),
            Map.entry("MRCONFIGID", TdxQuote.Body::mrConfigId),
            Map.entry("MROWNER", TdxQuote.Body::mrOwner),
            Map.entry("MROWNERCONFIG", TdxQuote.Body::mrOwnerConfig),
            Map.entry("TD attributes", TdxQuote.Body::tdAttributes),
            Map.entry("XFAM", TdxQuote.Body::xfam),
            Map.entry("TCB SVN", TdxQuote.Body::tcbSvn),
            Map.entry("MRSEAM", TdxQuote.Body::mrSeam),
            Map.entry("MRSIGNERSEAM", TdxQuote.Body::mrSignerSeam),
            Map.entry("SEAM attributes", TdxQuote.Body::seamAttributes));

    @Override
    public ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest,
                             ReferenceValues references) throws VerificationException {
        AzureVtpmEvidence azure = AzureVtpmEvidence.parse(evidence, TEE, "tpm_quote", "hcl_report");
        TdxQuote.Body tdReport;
        try {
            tdReport = TdReport.parse(azure.hcl().tdReport());
        } catch (EvidenceFormatException e) {
            throw azure.refused(e.getMessage());
        }
        azure.verify(tdReport.reportData(), expectedReportData, initDataDigest);
        TdxQuote quote = TdxQuotes.parse(azure.bytes(TD_QUOTE, TD_QUOTE), TEE);
        TdxQuotes.verifySignature(quote, TEE);
        for (Map.Entry<String, Function<TdxQuote.Body, byte[]>> field : TD_FIELDS) {
            if (!Arrays.equals(field.getValue().apply(quote.body()), field.getValue().apply(tdReport))) {
                throw azure.refused("the TD quote's " + field.getKey() + " differs from the HCL report's TD report");
            }
        }
        return azure.addClaims(TdxClaims.of(quote), expectedReportData);
    }
}
