package io.github.coco4j.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudConfigTest {
    private static CloudConfig parse(String text) throws ProvisionException {
        return CloudConfig.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String text) {
        return assertThrows(ProvisionException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsWriteFilesWithBlockContent() throws Exception {
        CloudConfig config = parse("#cloud-config\nwrite_files:\n- path: /run/peerpod/aa.toml\n  content: |\n    [a]\n    b = 1\n");
        assertEquals(List.of(new CloudConfig.WriteFile("/run/peerpod/aa.toml", "[a]\nb = 1\n")), config.writeFiles());
        assertEquals(List.of(), parse("#cloud-config\n").writeFiles());
    }

    @Test
    void isStrictAboutKeysAsUpstream() {
        assertTrue(error("#cloud-config\nruncmd: [ls]\n").contains("'runcmd'"));
        assertTrue(error("write_files:\n- path: /x\n  encoding: b64\n  content: eA==\n").contains("'encoding'"));
        assertTrue(error("write_files:\n- content: x\n").contains("without a path"));
        assertTrue(error("write_files: 3\n").contains("must be a list"));
        assertTrue(error("write_files: [\n").startsWith("user-data is not YAML"));
        assertTrue(error("- a\n- b\n").contains("mapping"));
        assertTrue(error("write_files: []\nwrite_files: []\n").contains("Duplicate field 'write_files'"));
        assertTrue(error("write_files:\n- path: /x\n  path: /y\n").contains("Duplicate field 'path'"));
    }
}
