package io.github.coco4j.testing;

import io.github.coco4j.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;

/** The initdata test vectors of the shared test data. */
public final class InitDataVectors {
    private InitDataVectors() {
    }

    public static JsonNode vector(String name) {
        for (JsonNode vector : TestData.json("initdata/vectors.json")) {
            if (name.equals(vector.path("name").asText())) {
                return vector;
            }
        }
        throw new IllegalStateException("initdata vector '" + name + "' not found in initdata/vectors.json");
    }

    public static byte[] digest(String name) {
        return HexFormat.of().parseHex(vector(name).get("digest_hex").asText());
    }

    public static byte[] tdxMrConfigId(String name) {
        return Base64.getDecoder().decode(vector(name).get("tdx_mrconfigid_b64").asText());
    }

    public static byte[] snpHostData(String name) {
        return Base64.getDecoder().decode(vector(name).get("snp_hostdata_b64").asText());
    }
}
