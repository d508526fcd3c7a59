package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both generations of Trustee's attestation policies over the claims of recorded evidence. */
class AttestationPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] V2_REPORT_DATA = HexFormat.of().parseHex("982f5c6e45df0ed3f10b6f60b02f0c8390e28130"
            + "0f3805e2279c16168cd6ae9aa398f647caa2338748cd0fd9f5f819ef");

    /** The policy input for upstream's recorded az-snp-vtpm evidence (version 2). */
    private static ObjectNode azSnpInput() throws VerificationException {
        ObjectNode claims = new AzSnpVtpmVerifier(SnpCertificates.amd()).verify(
                TestData.json("attestation/trustee-verifier/az-snp-vtpm/evidence-v2.json"), V2_REPORT_DATA, null,
                ReferenceValues.empty());
        ObjectNode annotated = AnnotatedEvidence.of("az-snp-vtpm", claims, JSON.createObjectNode(), null);
        return AnnotatedEvidence.policyInput("az-snp-vtpm", annotated);
    }

    private static Path workshopPolicy() throws Exception {
        return Path.of(AttestationPolicyTest.class.getResource("/policies/workshop-default.rego").toURI());
    }

    private static ReferenceValues references(String json) throws IOException {
        return ReferenceValues.parse(JSON.readTree(json), "test", NOW);
    }

    /** Today's RVPS form: each name with the value the claim has. */
    private static ReferenceValues matching(JsonNode claims, Map<String, String> names) throws IOException {
        StringBuilder entries = new StringBuilder("[");
        names.forEach((name, claim) -> entries.append(entries.length() > 1 ? "," : "").append("{\"name\":\"")
                .append(name).append("\",\"expiration\":\"2099-01-01T00:00:00Z\",\"value\":[")
                .append(claims.at(claim)).append("]}"));
        return references(entries.append("]").toString());
    }

    @Test
    void trusteesDefaultAffirmsAzureSnpEvidenceMatchingItsReferenceValues() throws Exception {
        ObjectNode input = azSnpInput();
        JsonNode snp = input.get("az-snp-vtpm");
        ReferenceValues values = matching(snp, Map.ofEntries(Map.entry("measurement", "/measurement"),
                Map.entry("snp_pcr11", "/tpm/pcr11"), Map.entry("tcb_bootloader", "/reported_tcb_bootloader"),
                Map.entry("tcb_microcode", "/reported_tcb_microcode"), Map.entry("tcb_snp", "/reported_tcb_snp"),
                Map.entry("tcb_tee", "/reported_tcb_tee"), Map.entry("smt_enabled", "/platform_smt_enabled"),
                Map.entry("tsme_enabled", "/platform_tsme_enabled"), Map.entry("abi_major", "/policy_abi_major"),
                Map.entry("abi_minor", "/policy_abi_minor"), Map.entry("single_socket", "/policy_single_socket"),
                Map.entry("smt_allowed", "/policy_smt_allowed")));
        Appraisal appraisal = AttestationPolicy.trusteeDefault().appraise(input, values);
        assertEquals(Map.of("instance-identity", 0, "configuration", 2, "executables", 3, "file-system", 0,
                "hardware", 2, "runtime-opaque", 0, "storage-opaque", 0, "sourced-data", 0), appraisal.trustVector());
        assertEquals("affirming", appraisal.status());
        assertEquals(JSON.readTree("{\"validated\":{}}"), appraisal.extensions().get("ear.trustee.identifiers"));
    }

    @Test
    void trusteesDefaultWithoutReferenceValuesContraindicates() throws Exception {
        Appraisal appraisal = AttestationPolicy.trusteeDefault().appraise(azSnpInput(), ReferenceValues.empty());
        assertEquals(33, appraisal.trustVector().get("executables"));
        assertEquals(97, appraisal.trustVector().get("hardware"));
        assertEquals(36, appraisal.trustVector().get("configuration"));
        assertEquals("contraindicated", appraisal.status());
    }

    @Test
    void tpmEvidenceWithItsInitdataRegisteredIsAffirmedUnderEitherName() throws Exception {
        JsonNode input = JSON.readTree("{\"tpm\": {\"pcr08\": \"aa\", \"pcr11\": \"bb\", \"ak_public\": \"k\"}}");
        AttestationPolicy policy = AttestationPolicy.trusteeDefault();
        assertEquals("warning", policy.appraise(input, ReferenceValues.empty()).status());
        for (String name : new String[] {"tpm_pcr08", "pcr08"}) {
            Appraisal appraisal = policy.appraise(input, references("[{\"name\":\"" + name
                    + "\",\"expiration\":\"2099-01-01T00:00:00Z\",\"value\":[\"aa\"]}]"));
            assertEquals("affirming", appraisal.status(), name);
            assertEquals(0, appraisal.trustVector().get("configuration"));
        }
    }

    @Test
    void workshopPolicyReadsDataReferenceFromHashValueEntries() throws Exception {
        ObjectNode input = azSnpInput();
        String pcr8 = input.at("/az-snp-vtpm/tpm/pcr08").asText();
        String snpSvn = input.at("/az-snp-vtpm/reported_tcb_snp").asText();
        ReferenceValues values = references("[{\"name\":\"pcr08\",\"expiration\":\"2099-01-01T00:00:00Z\","
                + "\"hash-value\":[{\"alg\":\"sha256\",\"value\":\"" + pcr8 + "\"}]},"
                + "{\"name\":\"tcb_snp\",\"expiration\":\"2099-01-01T00:00:00Z\",\"value\":[\"" + snpSvn + "\"]}]");
        Appraisal appraisal = AttestationPolicy.load(workshopPolicy())
                .appraise(input, values);
        assertEquals(Map.of("configuration", 2, "executables", 3, "hardware", 2), appraisal.trustVector());
        assertEquals("affirming", appraisal.status());
    }

    @Test
    void expiredReferenceValuesAreIgnored() throws Exception {
        ObjectNode input = azSnpInput();
        ReferenceValues values = references("[{\"name\":\"pcr08\",\"expiration\":\"2025-06-01T00:00:00Z\","
                + "\"hash-value\":[{\"alg\":\"sha256\",\"value\":\"" + input.at("/az-snp-vtpm/tpm/pcr08").asText()
                + "\"}]}]");
        assertEquals(33, AttestationPolicy.load(workshopPolicy())
                .appraise(input, values).trustVector().get("executables"));
    }

    @Test
    void aPolicyThatErrorsGivesNoAppraisal(@TempDir Path dir) throws Exception {
        Path conflicting = Files.writeString(dir.resolve("default.rego"), """
                package policy
                import rego.v1
                hardware := 2
                hardware := 3 if input.tpm
                """);
        String message = assertThrows(AttestationPolicy.PolicyEvaluationException.class,
                () -> AttestationPolicy.load(conflicting).appraise(JSON.readTree("{\"tpm\":{}}"),
                        ReferenceValues.empty())).getMessage();
        assertTrue(message.startsWith(conflicting.toString()), message);
        Path notAClaim = Files.writeString(dir.resolve("claims.rego"),
                "package policy\nimport rego.v1\ntrust_claims := {\"hardware\": \"yes\"}\n");
        message = assertThrows(AttestationPolicy.PolicyEvaluationException.class,
                () -> AttestationPolicy.load(notAClaim).appraise(JSON.readTree("{}"), ReferenceValues.empty()))
                .getMessage();
        assertTrue(message.contains("not an integer"), message);
    }

    @Test
    void aPolicyThatDoesNotParseIsRefusedAtLoad(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("default.rego"), "package policy\nhardware := {\n");
        String message = assertThrows(IOException.class, () -> AttestationPolicy.load(broken)).getMessage();
        assertTrue(message.startsWith("attestation policy " + broken), message);
    }

    @Test
    void policyDirHoldsThePolicyDirectlyOrUnderOpa(@TempDir Path dir) throws Exception {
        assertTrue(AttestationPolicy.inPolicyDir(dir).isEmpty());
        Files.createDirectories(dir.resolve("opa"));
        Path workshop = Files.writeString(dir.resolve("opa/default.rego"), "package policy\n");
        assertEquals(workshop, AttestationPolicy.inPolicyDir(dir).orElseThrow());
        Path direct = Files.writeString(dir.resolve("default.rego"), "package policy\n");
        assertEquals(direct, AttestationPolicy.inPolicyDir(dir).orElseThrow());
    }
}
