package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.SnpReport;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Azure SEV-SNP confidential VMs with a vTPM ({@code az-snp-vtpm}), checked as Trustee's verifier
 * checks them: the vTPM quote is signed by the AK the HCL report's variable data holds, quotes the
 * PCRs and carries the handshake's report data as nonce; the SNP report inside the HCL report
 * binds that variable data (its report data starts with the variable data's SHA-256) and, from
 * evidence version 2, the variable data's user data starts with the report data; the SNP report
 * is signed by the VCEK, which matches the report's TCB and chip and chains to AMD's roots; the
 * report comes from VMPL 0; PCR8 measures the presented initdata. Evidence versions 0, 1 and 2.
 */
final class AzSnpVtpmVerifier implements EvidenceVerifier {
    static final String TEE = "az-snp-vtpm";
    private static final String PREFIX = TEE + " evidence: ";
    private static final int HCL_VMPL = 0;

    private final SnpCertificates authorities;

    AzSnpVtpmVerifier(SnpCertificates authorities) {
        this.authorities = authorities;
    }

    @Override
    public ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest,
                             ReferenceValues references) throws VerificationException {
        AzureVtpmEvidence azure = AzureVtpmEvidence.parse(evidence, TEE, "quote", "report");
        SnpReport snp;
        try {
            snp = azure.hcl().snpReport();
        } catch (EvidenceFormatException e) {
            throw new VerificationException(PREFIX + e.getMessage());
        }
        azure.verify(snp.reportData(), expectedReportData, initDataDigest);
        SnpEndorsement.verify(authorities, vcek(evidence, azure.first()), snp, TEE);
        if (snp.vmpl() != HCL_VMPL) {
            throw new VerificationException(PREFIX + "the SNP report is from VMPL " + snp.vmpl() + ", not " + HCL_VMPL);
        }
        return azure.addClaims(claims(snp), expectedReportData);
    }

    /** PEM text in the first evidence version, base64url DER since. */
    private static X509Certificate vcek(JsonNode evidence, boolean first) throws VerificationException {
        byte[] encoded = first ? evidence.path("vcek").asText().getBytes(StandardCharsets.US_ASCII)
                : EvidenceBytes.base64(evidence.get("vcek"), "vcek", TEE);
        return SnpEndorsement.certificate(encoded, TEE);
    }

    /** Trustee's az-snp-vtpm claims of the SNP report: the snp verifier's as strings, the measurement in base64. */
    private static ObjectNode claims(SnpReport snp) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        SnpClaims.of(snp).fields().forEachRemaining(field -> claims.put(field.getKey(), field.getValue().asText()));
        claims.put("measurement", Base64.getEncoder().encodeToString(snp.measurement()));
        return claims;
    }
}
