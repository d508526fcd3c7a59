package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Checks one TEE type's evidence and turns it into claims, as Trustee's verifier for that TEE does. */
interface EvidenceVerifier {
    /**
     * @param expectedReportData what the evidence must be bound to (the RCAR runtime-data hash)
     * @param initDataDigest digest of the initdata the client presented, or null
     * @param references the reference values now (verifiers that check some themselves use them)
     * @return the claims, including {@code report_data} and, when checked, {@code init_data}
     * @throws VerificationException naming the first check that failed
     */
    ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest, ReferenceValues references)
            throws VerificationException;
}
