package io.github.coco4j.initdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitdataValidationTest {
    private static final String HEADER = "algorithm = \"sha256\"\nversion = \"0.1.0\"\n";

    private static String error(String toml) {
        return assertThrows(InitdataException.class, () -> Initdata.parse(toml.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void acceptsKeysInAnyOrderAndKeepsDataOrder() throws Exception {
        Initdata initdata = Initdata.parse(("[data]\n\"b\" = 'x'\n\"a\" = '''\ny\n'''\n").replace("[data]",
                "version = \"0.1.0\"\nalgorithm = \"sha512\"\n[data]").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("b", "a"), List.copyOf(initdata.data().keySet()));
        assertEquals("y\n", initdata.data().get("a"));
        assertEquals(64, initdata.digest().length);
    }

    @Test
    void errorsNameTheOffendingKeyOrValue() {
        assertTrue(error("algorithm = \"sha256\"\nversion = \"0.2.0\"\n[data]\n").contains("'0.2.0'"));
        assertTrue(error("algorithm = \"md5\"\nversion = \"0.1.0\"\n[data]\n").contains("'md5'"));
        assertTrue(error(HEADER + "extra = 1\n[data]\n").contains("'extra'"));
        assertTrue(error(HEADER + "[data]\n\"aa.toml\" = 3\n").contains("'aa.toml'"));
        assertTrue(error(HEADER + "[data.nested]\nx = 'y'\n").contains("'nested'"));
        assertTrue(error("algorithm = \"sha256\"\n[data]\n").contains("'version'"));
        assertTrue(error("version = \"0.1.0\"\n[data]\n").contains("'algorithm'"));
        assertTrue(error(HEADER).contains("[data]"));
        assertTrue(error(HEADER + "data = 'text'\n").contains("'data' must be a table"));
        assertTrue(error(HEADER + "version = 2\n").contains("TOML"));
    }

    @Test
    void tomlSyntaxErrorsCarryTheirPosition() {
        String message = error(HEADER + "[data]\n\"aa.toml\" = '''\nunterminated\n");
        assertTrue(message.startsWith("initdata is not valid TOML"), message);
        assertTrue(message.matches(".*line \\d+.*"), message);
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] raw = (HEADER + "[data]\n\"k\" = '\u00ff'\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("initdata is not UTF-8 text",
                assertThrows(InitdataException.class, () -> Initdata.parse(raw)).getMessage());
    }

    @Test
    void digestIsOverTheRawBytesSoATrailingNewlineChangesIt() throws Exception {
        String toml = HEADER + "[data]\n\"k\" = 'v'";
        byte[] without = Initdata.parse(toml.getBytes(StandardCharsets.UTF_8)).digest();
        byte[] with = Initdata.parse((toml + "\n").getBytes(StandardCharsets.UTF_8)).digest();
        assertFalse(Arrays.equals(without, with));
    }

    @Test
    void pcr8FromAnotherStartingValue() {
        byte[] digest = new byte[48];
        Arrays.fill(digest, (byte) 1);
        byte[] start = new byte[32];
        Arrays.fill(start, (byte) 7);
        byte[] input = new byte[64];
        System.arraycopy(start, 0, input, 0, 32);
        System.arraycopy(digest, 0, input, 32, 32);
        assertEquals(Arrays.toString(io.github.coco4j.digest.HashAlgorithm.SHA256.digest(input)),
                Arrays.toString(Pcr8.expected(start, digest)));
        assertThrows(IllegalArgumentException.class, () -> Pcr8.expected(new byte[31], digest));
    }

    @Test
    void deepNestingIsAnErrorBeforeParsingNotAStackOverflow() {
        String deep = HEADER + "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n[data]\n";
        assertEquals("initdata nests arrays or tables deeper than 64", error(deep));
        String inline = HEADER + "x = " + "{a = ".repeat(65) + "1" + "}".repeat(65) + "\n[data]\n";
        assertEquals("initdata nests arrays or tables deeper than 64", error(inline));
    }

    @Test
    void bracketsInStringsAndCommentsAreNotNesting() throws Exception {
        String brackets = "[".repeat(200);
        String toml = HEADER + "# " + brackets + "\n[data]\n\"policy.rego\" = \'\'\'\n" + brackets + "\n\'\'\'\n"
                + "\"a\" = \"\\\"" + brackets + "\"\n\"b\" = \'" + brackets + "\'\n";
        assertEquals(brackets + "\n", Initdata.parse(toml.getBytes(StandardCharsets.UTF_8)).data().get("policy.rego"));
    }

    @Test
    void initdataOverOneMebibyteIsRefusedUnparsed() {
        String big = HEADER + "[data]\n\"policy.rego\" = \'\'\'" + "x".repeat(Initdata.MAX_BYTES) + "\'\'\'\n";
        assertEquals("initdata is larger than 1048576 bytes", error(big));
    }
}
