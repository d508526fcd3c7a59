package io.github.coco4j.initdata.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceValuesUpdateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PCR = "79c80d32bfc17643db1e3a48276a9cfed7ad7d72bc4233cec71288f5bf010529";
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC);

    private static JsonNode register(String document, List<String> names) throws Exception {
        return JSON.readTree(ReferenceValuesUpdate.register(document, PCR, names, NOW, null));
    }

    @Test
    void writesTheFormAskedFor() throws Exception {
        JsonNode workshop = JSON.readTree(ReferenceValuesUpdate.register("", PCR, List.of("pcr08"), NOW,
                ReferenceValuesUpdate.Form.WORKSHOP));
        assertEquals(JSON.readTree("[{\"name\":\"pcr08\",\"expiration\":\"2027-11-22T10:00:00Z\",\"hash-value\":"
                + "[{\"alg\":\"sha256\",\"value\":\"" + PCR + "\"}]}]"), workshop);
        JsonNode trustee = JSON.readTree(ReferenceValuesUpdate.register(workshop.toString(), PCR, List.of("tpm_pcr08"), NOW,
                ReferenceValuesUpdate.Form.TRUSTEE));
        assertEquals(JSON.readTree("[\"" + PCR + "\"]"), trustee.get(1).get("value"), "today's form beside the workshop's");
    }

    @Test
    void appendsToTheValueListOfEachNamedEntryOnce() throws Exception {
        String document = """
                [{"name": "tpm_pcr08", "expiration": "2027-01-01T00:00:00Z", "value": ["aa"]},
                 {"name": "other", "expiration": "2027-01-01T00:00:00Z", "value": ["bb"]}]""";
        JsonNode result = register(document, List.of("tpm_pcr08"));
        assertEquals(JSON.readTree("[\"aa\", \"" + PCR + "\"]"), result.get(0).get("value"));
        assertEquals(JSON.readTree("[\"bb\"]"), result.get(1).get("value"));
        JsonNode again = register(result.toString(), List.of("tpm_pcr08"));
        assertEquals(result, again, "registering the same value twice changes nothing");
    }

    @Test
    void appendsToTheHashValueFormAndCreatesMissingEntriesInTheSameForm() throws Exception {
        String document = """
                [{"name": "pcr8", "expiration": "2027-01-01T00:00:00Z",
                  "hash-value": [{"alg": "sha256", "value": "aa"}]}]""";
        JsonNode result = register(document, List.of("pcr8", "tpm_pcr08"));
        assertEquals(JSON.readTree("{\"alg\": \"sha256\", \"value\": \"" + PCR + "\"}"), result.get(0).get("hash-value").get(1));
        assertEquals("tpm_pcr08", result.get(1).get("name").asText());
        assertEquals("2027-11-22T10:00:00Z", result.get(1).get("expiration").asText());
        assertEquals(PCR, result.get(1).get("hash-value").get(0).get("value").asText());
    }

    @Test
    void startsANewDocumentInTheRvpsStoreForm() throws Exception {
        String printed = ReferenceValuesUpdate.register("", PCR, List.of("tpm_pcr08"), NOW, null);
        assertEquals("[\n  {\n    \"name\": \"tpm_pcr08\",\n    \"expiration\": \"2027-11-22T10:00:00Z\",\n    \"value\": [\n      \""
                + PCR + "\"\n    ]\n  }\n]\n", printed);
    }

    @Test
    void rejectsDocumentsOfAnotherShape() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> register("{\"a\": 1}", List.of("x")))
                .getMessage().contains("JSON array"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> register("[{\"value\": []}]", List.of("x")))
                .getMessage().contains("\"name\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> register("[1,", List.of("x")))
                .getMessage().contains("not JSON"));
    }
}
