package io.github.coco4j.cdh.kbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineFsKbcTest {
    @TempDir
    Path dir;

    @Test
    void resourcesComeFromEveryFileThatExists() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys.json"), "{\"default/key/k1\": \"c2VjcmV0\"}");
        Path extra = Files.writeString(dir.resolve("extra.json"), "{\"default/cert/c1\": \"AAEC\"}");
        OfflineFsKbc kbc = OfflineFsKbc.load(List.of(keys, dir.resolve("absent.json"), extra));
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), kbc.getResource(ResourceUri.parse("kbs:///default/key/k1")));
        assertArrayEquals(new byte[] {0, 1, 2}, kbc.getResource(ResourceUri.parse("kbs:///default/cert/c1")));
        KbcException missing = assertThrows(KbcException.class, () -> kbc.getResource(ResourceUri.parse("kbs:///default/key/k2")));
        assertTrue(missing.notFound());
    }

    @Test
    void aValueThatIsNotBase64IsAnErrorNamingTheKey() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"default/key/k1\": \"***\"}");
        IOException e = assertThrows(IOException.class, () -> OfflineFsKbc.load(List.of(bad)));
        assertTrue(e.getMessage().contains("default/key/k1"), e.getMessage());
    }
}
