package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;

/**
 * Sample evidence: only its report data binding is checked; nothing about the guest is proven.
 * The claims are Trustee's sample verifier's.
 */
final class SampleVerifier implements EvidenceVerifier {
    @Override
    public ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest,
                             ReferenceValues references)
            throws VerificationException {
        JsonNode svn = evidence.get("svn");
        JsonNode reportData = evidence.get("report_data");
        if (svn == null || !svn.isTextual() || reportData == null || !reportData.isTextual()) {
            throw new VerificationException("sample evidence needs the strings svn and report_data");
        }
        byte[] actual;
        try {
            actual = Base64.getDecoder().decode(reportData.asText());
        } catch (IllegalArgumentException e) {
            throw new VerificationException("sample evidence: report_data is not base64");
        }
        if (!Arrays.equals(actual, expectedReportData)) {
            throw new VerificationException("sample evidence: report_data does not match the handshake");
        }
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("svn", svn.asText());
        claims.put("report_data", reportData.asText());
        // Trustee's sample verifier reports these fixed values, which its default policy reads.
        claims.put("launch_digest", "abcde");
        ObjectNode platformVersion = claims.putObject("platform_version");
        platformVersion.put("major", 1);
        platformVersion.put("minor", 4);
        claims.put("debug", false);
        if (initDataDigest != null) {
            claims.put("init_data", Base64.getEncoder().encodeToString(initDataDigest));
        }
        return claims;
    }
}
