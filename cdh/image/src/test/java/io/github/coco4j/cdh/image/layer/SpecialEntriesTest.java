package io.github.coco4j.cdh.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FIFOs, device nodes and PAX extended attributes in real tar layers, unpacked as root and rootless. */
class SpecialEntriesTest {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path dir;
    Path rootfs;
    /** The content of each file entry made by {@link #file}, by name. */
    private final Map<String, String> contents = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        rootfs = Files.createDirectories(dir.resolve("rootfs"));
    }

    @Test
    void aFifoIsMadeWithItsModeAndTimeEvenRootless() throws IOException {
        new LayerUnpacker(rootfs, false).apply(tar(special("run/pipe", TarConstants.LF_FIFO, 0640, 0, 0)), "layer 1");
        Path pipe = rootfs.resolve("run/pipe");
        assertEquals(S_IFIFO | 0640, mode(pipe));
        assertEquals(MTIME, Files.getLastModifiedTime(pipe, LinkOption.NOFOLLOW_LINKS).toInstant());
    }

    @Test
    void deviceNodesAreMadeWithTheirNumbersOwnersAndModesByRoot() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "device nodes need root");
        TarArchiveEntry tty = special("dev/ttyS9", TarConstants.LF_CHR, 0620, 4, 73);
        tty.setGroupId(5);
        new LayerUnpacker(rootfs, true).apply(tar(tty, special("dev/loop9", TarConstants.LF_BLK, 0660, 7, 9)), "layer 1");
        Path ttyNode = rootfs.resolve("dev/ttyS9");
        assertEquals(S_IFCHR | 0620, mode(ttyNode));
        assertEquals(4L << 8 | 73, rdev(ttyNode));
        assertEquals(5, Files.getAttribute(ttyNode, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(MTIME, Files.getLastModifiedTime(ttyNode, LinkOption.NOFOLLOW_LINKS).toInstant());
        Path loop = rootfs.resolve("dev/loop9");
        assertEquals(S_IFBLK | 0660, mode(loop));
        assertEquals(7L << 8 | 9, rdev(loop));
    }

    @Test
    void aRootlessUnpackSkipsDeviceNodesAndKeepsTheRest() throws IOException {
        new LayerUnpacker(rootfs, false).apply(tar(special("dev/null", TarConstants.LF_CHR, 0666, 1, 3),
                file("etc/hostname", "box")), "layer 1");
        assertFalse(Files.exists(rootfs.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("box", Files.readString(rootfs.resolve("etc/hostname")));
    }

    @Test
    void anUpperLayerReplacesAFifoWithAFile() throws IOException {
        new LayerUnpacker(rootfs, false).apply(tar(special("x", TarConstants.LF_FIFO, 0600, 0, 0)), "layer 1");
        new LayerUnpacker(rootfs, false).apply(tar(file("x", "now a file")), "layer 2");
        assertEquals("now a file", Files.readString(rootfs.resolve("x")));
    }

    @Test
    void userExtendedAttributesAreSetAndOthersSkipped() throws IOException {
        Assumptions.assumeTrue(takesUserAttributes(dir), "this filesystem takes no user extended attributes");
        TarArchiveEntry f = file("bin/tool", "#!/bin/sh");
        f.addPaxHeader("SCHILY.xattr.user.origin", "layer build 7");
        f.addPaxHeader("SCHILY.xattr.security.capability", "\u0001\u0000\u0000\u0002");
        TarArchiveEntry d = new TarArchiveEntry("data/", true);
        d.setMode(0555);
        d.addPaxHeader("SCHILY.xattr.user.tier", "cold");
        new LayerUnpacker(rootfs, false).apply(tar(d, f), "layer 1");
        assertEquals(List.of("origin"), view(rootfs.resolve("bin/tool")).list());
        assertEquals("layer build 7", read(rootfs.resolve("bin/tool"), "origin"));
        assertEquals("cold", read(rootfs.resolve("data"), "tier"));
        assertEquals("#!/bin/sh", Files.readString(rootfs.resolve("bin/tool")));
    }

    private static boolean takesUserAttributes(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "probe", "");
        try {
            view(probe).write("probe", ByteBuffer.wrap(new byte[] {1}));
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            Files.delete(probe);
        }
    }

    private static UserDefinedFileAttributeView view(Path path) {
        return Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static String read(Path path, String name) throws IOException {
        ByteBuffer value = ByteBuffer.allocate(view(path).size(name));
        view(path).read(name, value);
        return new String(value.array(), StandardCharsets.UTF_8);
    }

    private static int mode(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode & (S_IFMT | 07777);
    }

    private static long rdev(Path path) throws IOException {
        return (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    }

    private static TarArchiveEntry special(String name, byte type, int mode, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setModTime(Date.from(MTIME));
        return e;
    }

    private TarArchiveEntry file(String name, String content) {
        contents.put(name, content);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(content.getBytes(StandardCharsets.UTF_8).length);
        e.setMode(0644);
        return e;
    }

    private ByteArrayInputStream tar(TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                if (e.getSize() > 0) {
                    tar.write(contents.get(e.getName()).getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

}
