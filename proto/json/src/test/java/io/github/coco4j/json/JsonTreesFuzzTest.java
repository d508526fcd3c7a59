package io.github.coco4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Any bytes, as a KBS, a registry or an image's config may send them: refused with an
 * IOException, or read as the tree data binding reads (the reference) and written so that it
 * reads back the same (a number too large for a double reads as infinity, which Jackson writes
 * as a string, as data binding does).
 */
class JsonTreesFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @FuzzTest(maxDuration = "90s")
    void readAndWrite(byte[] bytes) throws IOException {
        JsonNode tree;
        try {
            tree = JsonTrees.read(bytes);
        } catch (IOException refused) {
            return;
        }
        if (tree.isMissingNode()) {
            return; // an empty document (which data binding refuses when it is a lone byte order mark)
        }
        assertEquals(MAPPER.readTree(bytes), tree);
        if (finite(tree)) {
            assertEquals(tree, JsonTrees.read(JsonTrees.write(tree)));
            assertEquals(tree, JsonTrees.read(JsonTrees.writeBytes(tree)));
        }
    }

    private static boolean finite(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (!finite(child)) {
                return false;
            }
        }
        return true;
    }
}
