package io.github.coco4j.initdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AnnotationTest {
    private static String error(String annotation) {
        return assertThrows(InitdataException.class, () -> Annotation.decode(annotation)).getMessage();
    }

    private static String gzipBase64(byte[] content, int repeat) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (int i = 0; i < repeat; i++) {
                gzip.write(content);
            }
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void rejectsTextThatIsNotBase64() {
        assertTrue(error("H4sI*not-base64*").contains("not standard base64"));
        assertTrue(error("").contains("empty"));
    }

    @Test
    void rejectsBase64ThatIsNotGzip() {
        String annotation = Base64.getEncoder().encodeToString("plain text".getBytes(StandardCharsets.UTF_8));
        assertTrue(error(annotation).contains("not gzip"));
    }

    @Test
    void rejectsAGzipBombBeyondOneMebibyte() throws Exception {
        String bomb = gzipBase64(new byte[1024 * 1024], 17);
        assertTrue(bomb.length() < 100_000, "the bomb is small on the wire");
        assertTrue(error(bomb).contains("more than 1048576 bytes"));
    }

    @Test
    void acceptsExactlyOneMebibyte() throws Exception {
        assertEquals(Initdata.MAX_BYTES, Annotation.decode(gzipBase64(new byte[1024], 1024)).length);
    }

    @Test
    void toleratesLineWrappedBase64() throws Exception {
        byte[] toml = "algorithm = \"sha256\"\n".getBytes(StandardCharsets.UTF_8);
        String wrapped = Annotation.encode(toml).replaceAll("(.{10})", "$1\n");
        assertArrayEquals(toml, Annotation.decode(wrapped));
    }

    private static byte[] gzip(String text) throws Exception {
        return Base64.getDecoder().decode(gzipBase64(text.getBytes(StandardCharsets.UTF_8), 1));
    }

    private static String concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** As Kata's runtime (flate2's GzDecoder): the first member is the document, the rest is ignored. */
    @Test
    void onlyTheFirstGzipMemberIsTheDocument() throws Exception {
        byte[] first = gzip("version = \"0.1.0\"\n");
        assertArrayEquals("version = \"0.1.0\"\n".getBytes(StandardCharsets.UTF_8),
                Annotation.decode(concat(first, gzip("[data]\n"))));
        assertArrayEquals("version = \"0.1.0\"\n".getBytes(StandardCharsets.UTF_8),
                Annotation.decode(concat(first, "trailing bytes".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aTruncatedOrCorruptedMemberIsRefused() throws Exception {
        byte[] member = gzip("version = \"0.1.0\"\n");
        assertTrue(error(concat(Arrays.copyOf(member, member.length - 4))).contains("truncated"));
        byte[] extraBeyondTheEnd = {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
        assertTrue(error(concat(extraBeyondTheEnd)).contains("truncated"), "found by InitdataFuzzTest");
        member[member.length - 8] ^= 1;
        assertTrue(error(concat(member)).contains("checksum mismatch"));
    }
}
