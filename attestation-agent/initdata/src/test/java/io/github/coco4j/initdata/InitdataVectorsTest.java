package io.github.coco4j.initdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reference vector of the shared test data: digest, platform forms, PCR8 and the annotation. */
class InitdataVectorsTest {
    static Stream<JsonNode> vectors() {
        List<JsonNode> all = new ArrayList<>();
        TestData.json("initdata/vectors.json").forEach(all::add);
        return all.stream();
    }

    private static byte[] toml(JsonNode vector) {
        return vector.get("toml").asText().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void digestAndHeader(JsonNode vector) throws Exception {
        Initdata initdata = Initdata.parse(toml(vector));
        assertEquals(vector.get("digest_hex").asText(), HexFormat.of().formatHex(initdata.digest()));
        assertEquals(vector.get("algorithm").asText(), initdata.algorithm().wireName());
        assertEquals(vector.get("version").asText(), initdata.version());
        List<String> keys = new ArrayList<>();
        vector.get("data_keys").forEach(k -> keys.add(k.asText()));
        assertEquals(keys.stream().sorted().toList(), initdata.data().keySet().stream().sorted().toList());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void platformForms(JsonNode vector) throws Exception {
        byte[] digest = Initdata.parse(toml(vector)).digest();
        assertEquals(vector.get("snp_hostdata_b64").asText(), Base64.getEncoder().encodeToString(PlatformForm.SNP.of(digest)));
        assertEquals(vector.get("tdx_mrconfigid_b64").asText(), Base64.getEncoder().encodeToString(PlatformForm.TDX.of(digest)));
        assertEquals(64, PlatformForm.CCA.of(digest).length);
        assertEquals(256, PlatformForm.SE.of(digest).length);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void pcr8AfterOneExtendFromZero(JsonNode vector) throws Exception {
        byte[] digest = Initdata.parse(toml(vector)).digest();
        assertEquals(vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText(),
                HexFormat.of().formatHex(Pcr8.expected(digest)));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void annotationDecodesToTheExactBytesAndRoundTrips(JsonNode vector) throws Exception {
        assertArrayEquals(toml(vector), Annotation.decode(vector.get("annotation_gzip_base64").asText()));
        assertArrayEquals(toml(vector), Annotation.decode(Annotation.encode(toml(vector))));
    }
}
