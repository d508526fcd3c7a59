package io.github.coco4j.aa.kbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.testing.TestData;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rcarVectorCanonicalFormHashAndReportData() {
        for (JsonNode vector : TestData.json("attestation/rcar-vectors.json")) {
            JsonNode runtimeData = vector.get("runtime_data");
            assertEquals(vector.get("canonical_json").asText(), CanonicalJson.string(runtimeData));
            byte[] reportData = RuntimeDataBinding.reportData(runtimeData.get("nonce").asText(),
                    runtimeData.get("tee-pubkey"), runtimeData.get("additional-evidence").asText(), HashAlgorithm.SHA384);
            assertEquals(vector.get("sha384_hex").asText(), HexFormat.of().formatHex(reportData));
            assertArrayEquals(HexFormat.of().parseHex(vector.get("tdx_snp_report_data_hex").asText()),
                    Arrays.copyOf(reportData, 64));
        }
    }

    @Test
    void membersSortByUtf16CodeUnits() throws Exception {
        JsonNode value = JSON.readTree("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin\"}");
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin\","
                + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji\",\"\ufb33\":\"Hebrew\"}", CanonicalJson.string(value));
    }

    @Test
    void stringsUseMinimalEscapes() throws Exception {
        JsonNode value = JSON.readTree("[\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"]");
        assertEquals("[\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"]", CanonicalJson.string(value));
    }

    @Test
    void numbersPrintAsEcmaScriptDoubles() {
        assertEquals("333333333.3333333", CanonicalJson.number(333333333.33333329));
        assertEquals("1e+30", CanonicalJson.number(1E30));
        assertEquals("4.5", CanonicalJson.number(4.50));
        assertEquals("0.002", CanonicalJson.number(2e-3));
        assertEquals("1e-27", CanonicalJson.number(0.000000000000000000000000001));
        assertEquals("-1", CanonicalJson.number(-1));
        assertEquals("100", CanonicalJson.number(100));
        assertEquals("9007199254740992", CanonicalJson.number(9007199254740992.0));
        assertEquals("1e+21", CanonicalJson.number(1e21));
        assertEquals("123456789012345680000", CanonicalJson.number(123456789012345678901.0));
        assertEquals("0.000001", CanonicalJson.number(0.000001));
        assertEquals("1e-7", CanonicalJson.number(0.0000001));
        assertEquals("5e-324", CanonicalJson.number(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", CanonicalJson.number(Double.MAX_VALUE));
    }

    @Test
    void loneSurrogatesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.string(JSON.getNodeFactory().textNode("a\ud800b")));
    }
}
