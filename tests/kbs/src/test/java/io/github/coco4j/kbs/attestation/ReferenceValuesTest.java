package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RVPS's reference value forms, as the workshop and today's Trustee write them. */
class ReferenceValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static ReferenceValues parse(String json) throws IOException {
        return ReferenceValues.parse(JSON.readTree(json), "reference-values.json", NOW);
    }

    @Test
    void workshopHashValueFormListsTheValues() throws Exception {
        ReferenceValues values = parse("""
                [{"name": "pcr08", "expiration": "2027-01-01T00:00:00Z",
                  "hash-value": [{"alg": "sha256", "value": "AA"}, {"alg": "sha256", "value": "bb"}]}]""");
        assertEquals(Optional.of(List.of("AA", "bb")), values.get("pcr08"));
        assertTrue(values.containsHex("pcr08", "aa"));
        assertEquals(JSON.readTree("{\"pcr08\": [\"AA\", \"bb\"]}"), values.toJson());
    }

    @Test
    void todaysValueFormKeepsAnyJsonAndAddsUpLists() throws Exception {
        ReferenceValues values = parse("""
                [{"name": "tpm_pcr08", "expiration": "2027-01-01T00:00:00Z", "value": ["aa"]},
                 {"name": "tpm_pcr08", "expiration": "2027-01-01T00:00:00Z", "value": ["bb"]},
                 {"name": "snp_guest_abi_major", "expiration": "2027-01-01T00:00:00Z", "value": 1}]""");
        assertEquals(Optional.of(List.of("aa", "bb")), values.get("tpm_pcr08"));
        assertEquals(JSON.readTree("{\"tpm_pcr08\": [\"aa\", \"bb\"], \"snp_guest_abi_major\": 1}"), values.toJson());
    }

    @Test
    void sampleProvenanceObjectForm() throws Exception {
        assertEquals(Optional.of(List.of("1")), parse("{\"svn\": [\"1\"]}").get("svn"));
    }

    @Test
    void expiredValuesAreLeftOut() throws Exception {
        ReferenceValues values = parse("""
                [{"name": "pcr08", "expiration": "2025-12-31T23:59:59Z", "hash-value": [{"alg": "sha256", "value": "aa"}]},
                 {"name": "tpm_pcr08", "expiration": "2026-01-01T00:00:01Z", "value": ["bb"]}]""");
        assertEquals(Optional.empty(), values.get("pcr08"));
        assertEquals(Optional.of(List.of("bb")), values.get("tpm_pcr08"));
    }

    @Test
    void malformedEntriesAreNamed() {
        String both = assertThrows(IOException.class, () -> parse("""
                [{"name": "pcr08", "value": ["aa"], "hash-value": []}]""")).getMessage();
        assertTrue(both.contains("'pcr08' needs exactly one of 'value' and 'hash-value'"), both);
        String date = assertThrows(IOException.class, () -> parse("""
                [{"name": "pcr08", "expiration": "soon", "value": ["aa"]}]""")).getMessage();
        assertTrue(date.contains("expected YYYY-MM-DDTHH:MM:SSZ"), date);
    }
}
