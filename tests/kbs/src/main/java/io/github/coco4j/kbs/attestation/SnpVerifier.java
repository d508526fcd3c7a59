package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.SnpReport;
import io.github.coco4j.aa.evidence.SnpReportJson;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * AMD SEV-SNP evidence ({@code {"attestation_report": {...}, "cert_chain": [...]}}), checked as
 * Trustee's snp verifier checks it: the report is signed by the VCEK (or VLEK) of the cert chain,
 * which is issued for the report's TCB and chip and chains to AMD's ASK (or ASVK) and ARK; the
 * report comes from VMPL 0; its REPORT_DATA is the handshake's report data (zero-padded to 64
 * bytes) and, when initdata is presented, its HOST_DATA is the initdata digest (zero-padded to 32
 * bytes). The chain's own ASK and ARK are not needed: the key must chain to the AMD certificates
 * this KBS carries. Unlike Trustee, a report without a VCEK is refused (AMD's KDS is not reachable
 * here), and version 2 reports are accepted: their unmasked CHIP_ID tells the processor generation.
 */
final class SnpVerifier implements EvidenceVerifier {
    static final String TEE = "snp";
    private static final String PREFIX = TEE + " evidence: ";
    private static final long MAX_REPORT_VERSION = 5;
    private static final int REPORT_DATA_SIZE = 64;
    private static final int HOST_DATA_SIZE = 32;
    private static final Set<String> ENDORSEMENT_KEYS = Set.of("VCEK", "VLEK");
    private static final HexFormat HEX = HexFormat.of();

    private final SnpCertificates authorities;

    SnpVerifier(SnpCertificates authorities) {
        this.authorities = authorities;
    }

    @Override
    public ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest,
                             ReferenceValues references) throws VerificationException {
        SnpReport snp;
        try {
            snp = SnpReportJson.parse(evidence.get("attestation_report"));
        } catch (EvidenceFormatException e) {
            throw new VerificationException(PREFIX + e.getMessage());
        }
        if (snp.version() > MAX_REPORT_VERSION) {
            throw new VerificationException(PREFIX + "report version " + snp.version() + " is unknown");
        }
        SnpEndorsement.verify(authorities, endorsementKey(evidence.get("cert_chain")), snp, TEE);
        if (snp.vmpl() != 0) {
            throw new VerificationException(PREFIX + "the report is from VMPL " + snp.vmpl() + ", not 0");
        }
        if (!Arrays.equals(Arrays.copyOf(expectedReportData, REPORT_DATA_SIZE), snp.reportData())) {
            throw new VerificationException(PREFIX + "REPORT_DATA is not the handshake's report data");
        }
        if (initDataDigest != null && !Arrays.equals(Arrays.copyOf(initDataDigest, HOST_DATA_SIZE), snp.hostData())) {
            throw new VerificationException(PREFIX + "HOST_DATA is not the presented initdata's digest");
        }
        ObjectNode claims = SnpClaims.of(snp);
        claims.put("measurement", HEX.formatHex(snp.measurement()));
        claims.put("report_data", HEX.formatHex(snp.reportData()));
        claims.put("init_data", HEX.formatHex(snp.hostData()));
        claims.put("chip_id", HEX.formatHex(snp.chipId()));
        return claims;
    }

    /** The first VCEK or VLEK of the chain (entries {@code {"cert_type", "data": [bytes]}}). */
    private static X509Certificate endorsementKey(JsonNode chain) throws VerificationException {
        if (chain != null && chain.isArray()) {
            for (JsonNode entry : chain) {
                if (ENDORSEMENT_KEYS.contains(entry.path("cert_type").asText())) {
                    return SnpEndorsement.certificate(EvidenceBytes.of(entry.get("data"), "cert_chain data", TEE), TEE);
                }
            }
        }
        throw new VerificationException(PREFIX + "the cert chain holds no VCEK or VLEK, and this KBS cannot fetch "
                + "one from AMD's key distribution service");
    }
}
