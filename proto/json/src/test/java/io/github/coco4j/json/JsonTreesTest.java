package io.github.coco4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTreesTest {
    /** The reference: what data binding makes of the same text (tests may load it; daemons do not). */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> DOCUMENTS = List.of(
            "{}", "[]", "null", "true", "0", "-7", "2147483648", "-9223372036854775809", "18446744073709551615",
            "1.5", "-0.0", "1e300", "6.02214076E23", "\"text with \\\"quotes\\\", \\u00e9 and \\ud83d\\ude00\"",
            "{\"a\":[1,2,{\"b\":\"c\",\"d\":[[],{}]}],\"e\":null,\"f\":false,\"g\":12345678901}",
            "[{\"ociVersion\":\"1.1.0\",\"process\":{\"args\":[\"sh\",\"-c\",\"true\"],\"env\":[\"PATH=/bin\"]}}]");

    @Test
    void readsWhatDataBindingReads() throws IOException {
        for (String document : DOCUMENTS) {
            JsonNode expected = MAPPER.readTree(document);
            assertEquals(expected, JsonTrees.read(document), document);
            assertEquals(expected, JsonTrees.read(document.getBytes(StandardCharsets.UTF_8)), document);
            assertEquals(expected, JsonTrees.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))), document);
            assertEquals(expected.getNodeType(), JsonTrees.read(document).getNodeType(), document);
        }
    }

    @Test
    void writesWhatDataBindingWrites() throws IOException {
        for (String document : DOCUMENTS) {
            JsonNode tree = MAPPER.readTree(document);
            assertEquals(MAPPER.writeValueAsString(tree), JsonTrees.write(tree), document);
            assertArrayEquals(MAPPER.writeValueAsBytes(tree), JsonTrees.writeBytes(tree), document);
        }
        ObjectNode built = JsonNodeFactory.instance.objectNode();
        built.put("decimal", new BigDecimal("1.10")).put("float", 0.25f).put("short", (short) 3).put("bytes", new byte[] {1, 2, 3});
        built.putArray("list").add(1L << 40).addNull().add("x");
        assertEquals(MAPPER.writeValueAsString(built), JsonTrees.write(built));
    }

    @Test
    void writesThroughTheCallersGenerator() throws IOException {
        JsonNode tree = JsonTrees.read("{\"a\":[1,{\"b\":2}]}");
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
            generator.useDefaultPrettyPrinter();
            JsonTrees.write(tree, generator);
        }
        assertEquals(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree), out.toString());
    }

    @Test
    void writesWithAPrettyPrinter() throws IOException {
        JsonNode tree = JsonTrees.read("{\"a\":[1,{\"b\":2}]}");
        assertEquals(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree),
                JsonTrees.write(tree, new DefaultPrettyPrinter()));
        assertEquals(JsonTrees.write(tree), JsonTrees.write(tree, (PrettyPrinter) null));
    }

    @Test
    void aRefusalsReasonLeavesOutJacksonsLocation() {
        IOException refused = assertThrows(IOException.class, () -> JsonTrees.read("{\"a\":}"));
        assertTrue(refused.getMessage().contains("[Source:"), refused.getMessage());
        assertTrue(JsonTrees.reason(refused).startsWith("Unexpected character ('}'"), JsonTrees.reason(refused));
        assertFalse(JsonTrees.reason(refused).contains("[Source:"), JsonTrees.reason(refused));
        assertEquals("the document is not UTF-8", JsonTrees.reason(assertThrows(IOException.class,
                () -> JsonTrees.read(new byte[] {'"', (byte) 0xff, '"'}))));
    }

    @Test
    void anEmptyInputIsMissingAndTrailingContentIsAnError() throws IOException {
        assertTrue(JsonTrees.read("").isMissingNode());
        assertTrue(JsonTrees.read("  \n").isMissingNode());
        IOException trailing = assertThrows(IOException.class, () -> JsonTrees.read("{\"a\":1} {\"b\":2}"));
        assertTrue(trailing.getMessage().startsWith("unexpected content after the document: START_OBJECT"), trailing.getMessage());
        assertThrows(IOException.class, () -> JsonTrees.read("[1, 2"));
        assertThrows(IOException.class, () -> JsonTrees.read("{\"a\":}"));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWhereverTheyAre() throws IOException {
        byte[] badName = {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'};
        byte[] badValue = {'[', '"', 'a', (byte) 0xc3, '"', ']'};
        for (byte[] document : List.of(badName, badValue)) {
            IOException e = assertThrows(IOException.class, () -> JsonTrees.read(document));
            assertEquals("the document is not UTF-8", e.getMessage());
            assertThrows(IOException.class, () -> JsonTrees.read(new ByteArrayInputStream(document)));
        }
        assertEquals("é", JsonTrees.read("[\"é\"]".getBytes(StandardCharsets.UTF_8)).get(0).textValue());
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedAsDataBindingSkipsIt() throws IOException {
        byte[] withBom = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(MAPPER.readTree(withBom), JsonTrees.read(withBom));
        assertEquals(MAPPER.readTree(withBom), JsonTrees.read(new ByteArrayInputStream(withBom)));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueUnlessTheParserRefusesIt() throws IOException {
        assertEquals(JsonTrees.read("{\"a\":2}"), JsonTrees.read("{\"a\":1,\"a\":2}"));
        try (JsonParser strict = new JsonFactory().createParser("{\"a\":1,\"a\":2}")) {
            strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            IOException e = assertThrows(IOException.class, () -> JsonTrees.read(strict));
            assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
        }
    }

    @Test
    void deepNestingStopsAtJacksonsLimitWithoutUsingTheStack() throws IOException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(StreamConstraintsException.class, () -> JsonTrees.read(deep));
        String allowed = "[".repeat(1000) + "]".repeat(1000);
        assertTrue(JsonTrees.read(allowed).isArray());
    }

    @Test
    void readsYamlThroughItsParser() throws IOException {
        String yaml = "a: 1\nb: [x, 2.5]\nc: !!binary AQID\nd: 12345678901234567890123\n";
        JsonNode tree;
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            tree = JsonTrees.read(parser);
        }
        assertEquals(new ObjectMapper(new YAMLFactory()).readTree(yaml), tree);
        assertArrayEquals(new byte[] {1, 2, 3}, tree.get("c").binaryValue());
        try (JsonParser parser = new YAMLFactory().createParser("a: 1\n---\nb: 2\n")) {
            assertThrows(IOException.class, () -> JsonTrees.read(parser));
        }
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), DOCUMENTS.get(DOCUMENTS.size() - 1));
        assertEquals(MAPPER.readTree(file.toFile()), JsonTrees.read(file));
    }
}
