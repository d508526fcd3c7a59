package io.github.coco4j.cdh.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.cdh.image.reference.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers made to escape or exhaust: each refused with a clear error, nothing written outside the rootfs. */
class HostileLayerTest {
    @TempDir
    Path dir;
    Path rootfs;
    Path outside;

    @BeforeEach
    void setUp() throws IOException {
        rootfs = Files.createDirectories(dir.resolve("rootfs"));
        outside = Files.createDirectories(dir.resolve("outside"));
    }

    @Test
    void dotDotAndAbsolutePathsAreRefused() {
        assertTrue(unpackFails(tar(file("../outside/x", "owned"))).contains("climbs out of the rootfs"));
        assertTrue(unpackFails(tar(file("a/../../outside/x", "owned"))).contains("climbs out of the rootfs"));
        assertTrue(unpackFails(tar(file("/" + outside + "/x", "owned"))).contains("absolute path"));
        assertNothingOutside();
    }

    @Test
    void symlinksAreFollowedOnlyInsideTheRootfs() throws IOException {
        unpack(tar(symlink("abs", outside.toString()), symlink("rel", "../../../../../../.." + outside),
                file("abs/x", "one"), file("rel/y", "two")));
        assertNothingOutside();
        assertEquals("xxx", Files.readString(rootfs.resolve(outside.toString().substring(1)).resolve("x")));
        assertEquals("xxx", Files.readString(rootfs.resolve(outside.toString().substring(1)).resolve("y")));
    }

    @Test
    void hardLinksOutOfTheRootfsAreRefused() throws IOException {
        Files.writeString(outside.resolve("secret"), "host file");
        assertTrue(unpackFails(tar(hardlink("h", "../outside/secret"))).contains("climbs out of the rootfs"));
        assertTrue(unpackFails(tar(hardlink("h", "missing"))).contains("not a file of the rootfs"));
    }

    @Test
    void whiteoutsRemoveLowerFilesAndOpaqueDirectoriesEmpty() throws IOException {
        unpack(tar(file("etc/gone", "x"), file("opaque/old", "x"), file("keep", "x")));
        unpack(tar(file("etc/.wh.gone", ""), file("opaque/.wh..wh..opq", ""), file("opaque/new", "y")));
        assertFalse(Files.exists(rootfs.resolve("etc/gone")));
        assertFalse(Files.exists(rootfs.resolve("opaque/old")));
        assertTrue(Files.exists(rootfs.resolve("opaque/new")));
        assertTrue(Files.exists(rootfs.resolve("keep")));
        assertFalse(Files.exists(rootfs.resolve("etc/.wh.gone")));
    }

    @Test
    void aBlobWhoseDigestDiffersIsRefusedAtItsEnd() {
        byte[] content = "what the registry sent".getBytes(StandardCharsets.UTF_8);
        Digest claimed = Digest.sha256("what the manifest names".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class,
                () -> new VerifiedInputStream(new ByteArrayInputStream(content), claimed, 1 << 20, "blob x").readAllBytes());
        assertTrue(e.getMessage().contains("does not match its digest " + claimed), e.getMessage());
    }

    @Test
    void aGzipBombStopsAtTheLayerBound() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                gz.write(zeros);
            }
        }
        assertTrue(bomb.size() < 1 << 20, "256 MiB of zeros compress to well under 1 MiB");
        InputStream plain = Decompression.open(LayerMediaType.Compression.GZIP, new ByteArrayInputStream(bomb.toByteArray()));
        IOException e = assertThrows(IOException.class, () -> new VerifiedInputStream(plain,
                Digest.sha256(new byte[0]), 8 << 20, "layer 1 (uncompressed)").transferTo(java.io.OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("larger than 8388608 bytes"), e.getMessage());
    }

    private void assertNothingOutside() {
        try (var entries = Files.list(outside)) {
            assertEquals(0, entries.filter(p -> !p.getFileName().toString().equals("secret")).count(), "written outside the rootfs");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void unpack(byte[] tar) throws IOException {
        new LayerUnpacker(rootfs, false).apply(new ByteArrayInputStream(tar), "layer 1");
    }

    private String unpackFails(byte[] tar) {
        return assertThrows(IOException.class, () -> unpack(tar)).getMessage();
    }

    private static TarArchiveEntry file(String name, String content) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(content.length());
        e.setMode(0644);
        return e;
    }

    private static TarArchiveEntry symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
        e.setLinkName(target);
        return e;
    }

    private static TarArchiveEntry hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
        e.setLinkName(target);
        return e;
    }

    /** A tar of the entries; a file's content is as many 'x' as the text given for it has characters. */
    private static byte[] tar(TarArchiveEntry... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                tar.write("x".repeat((int) e.getSize()).getBytes(StandardCharsets.UTF_8));
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
