package io.github.coco4j.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.proto.kata.CopyFileRequest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CopyFile beneath a temporary shared directory: what the host may write, and what it may not. */
class SharedFilesTest {
    /** dir_mode as the Kata runtime sends it: Go's os.ModeDir | 0750. */
    private static final int GO_DIR_MODE = 0x80000000 | 0750;
    private static final int REGULAR = 0100000;

    @TempDir
    Path dir;
    private Path root;
    private Path outside;
    private SharedFiles files;
    private int uid;
    private int gid;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.resolve("shared");
        outside = Files.createDirectories(dir.resolve("outside"));
        files = new SharedFiles(root, 1024);
        uid = (int) Files.getAttribute(dir, "unix:uid");
        gid = (int) Files.getAttribute(dir, "unix:gid");
    }

    private CopyFileRequest.Builder request(String relative, int mode, String data) {
        return CopyFileRequest.newBuilder().setPath(root.resolve(relative).toString()).setFileMode(mode)
                .setDirMode(GO_DIR_MODE).setUid(uid).setGid(gid).setData(ByteString.copyFromUtf8(data))
                .setFileSize(data.length());
    }

    private static int mode(Path path) throws Exception {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    @Test
    void aFileIsWrittenWithItsModeAndItsParentsWithTheDirMode() throws Exception {
        files.copy(request("c1-hash-volume/sub/hosts", REGULAR | 0640, "127.0.0.1 localhost\n").build());
        Path file = root.resolve("c1-hash-volume/sub/hosts");
        assertEquals("127.0.0.1 localhost\n", Files.readString(file));
        assertEquals(0640, mode(file));
        assertEquals(0750, mode(file.getParent()));
        assertEquals(uid, Files.getAttribute(file, "unix:uid"));
        assertFalse(Files.exists(root.resolve("c1-hash-volume/sub/hosts.tmp")));
    }

    @Test
    void aChunkedFileAppearsOnlyOnceComplete() throws Exception {
        files.copy(request("big", REGULAR | 0644, "hello ").setFileSize(11).build());
        assertFalse(Files.exists(root.resolve("big")));
        files.copy(request("big", REGULAR | 0644, "world").setFileSize(11).setOffset(6).build());
        assertEquals("hello world", Files.readString(root.resolve("big")));
        assertFalse(Files.exists(root.resolve("big.tmp")));
    }

    @Test
    void aNewFirstChunkReplacesTheFileThere() throws Exception {
        files.copy(request("f", REGULAR | 0644, "old contents").build());
        files.copy(request("f", REGULAR | 0644, "new").build());
        assertEquals("new", Files.readString(root.resolve("f")));
    }

    @Test
    void aDirectoryGetsItsFullModeAndKeepsItsContents() throws Exception {
        files.copy(request("d/keep", REGULAR | 0644, "x").build());
        files.copy(request("d", 0040000 | 01777, "").build());
        assertEquals(01777, mode(root.resolve("d")));
        assertTrue(Files.exists(root.resolve("d/keep")));
    }

    @Test
    void aSymlinkPointsWhereTheDataSays() throws Exception {
        files.copy(request("cm/..data", 0120000 | 0777, "..2024_01_01").build());
        assertEquals(Path.of("..2024_01_01"), Files.readSymbolicLink(root.resolve("cm/..data")));
    }

    @Test
    void pathsOutsideTheSharedDirectoryAreRefused() throws Exception {
        for (String path : List.of(outside.resolve("x").toString(), root + "/../outside/x", root + "/a/../../outside/x",
                "relative/x", root.toString(), root + "/.")) {
            AgentException e = assertThrows(AgentException.class,
                    () -> files.copy(request("x", REGULAR | 0644, "data").setPath(path).build()), path);
            assertEquals(AgentException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().startsWith("CopyFile: " + path + " "), e.getMessage());
        }
        assertNothingOutside();
        files.copy(request("x", REGULAR | 0644, "data").setPath(root + "/./x").build());
        assertTrue(Files.exists(root.resolve("x")));
    }

    @Test
    void aSymlinkedParentLeadingOutIsRefusedAndOneStayingInIsFollowed() throws Exception {
        files.copy(request("escape", 0120000, outside.toString()).build());
        AgentException e = assertThrows(AgentException.class, () -> files.copy(request("escape/x", REGULAR | 0644, "data").build()));
        assertTrue(e.getMessage().contains("leads out of the shared directory"), e.getMessage());
        assertThrows(AgentException.class, () -> files.copy(request("escape/new/x", 0040000 | 0755, "").build()));
        assertNothingOutside();

        files.copy(request("real/a", REGULAR | 0644, "a").build());
        files.copy(request("inside", 0120000, "real").build());
        files.copy(request("inside/b", REGULAR | 0644, "b").build());
        assertEquals("b", Files.readString(root.resolve("real/b")));
    }

    @Test
    void aSymlinkAtTheTargetIsReplacedNotFollowed() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "untouched");
        files.copy(request("f", 0120000, victim.toString()).build());
        files.copy(request("f", REGULAR | 0644, "data").build());
        assertEquals("untouched", Files.readString(victim));
        assertEquals("data", Files.readString(root.resolve("f")));
        assertFalse(Files.isSymbolicLink(root.resolve("f")));
    }

    @Test
    void sizesAndChunksOutOfBoundsAreRefused() {
        AgentException tooBig = assertThrows(AgentException.class,
                () -> files.copy(request("f", REGULAR | 0644, "x").setFileSize(1025).build()));
        assertTrue(tooBig.getMessage().contains("over the limit of 1024"), tooBig.getMessage());
        AgentException overflow = assertThrows(AgentException.class,
                () -> files.copy(request("f", REGULAR | 0644, "xyz").setFileSize(4).setOffset(2).build()));
        assertTrue(overflow.getMessage().contains("does not fit"), overflow.getMessage());
        AgentException orphan = assertThrows(AgentException.class,
                () -> files.copy(request("g", REGULAR | 0644, "xyz").setFileSize(10).setOffset(2).build()));
        assertTrue(orphan.getMessage().contains("first chunk never came"), orphan.getMessage());
        assertFalse(Files.exists(root.resolve("f")));
    }

    private void assertNothingOutside() {
        try (Stream<Path> listing = Files.list(outside)) {
            assertEquals(List.of(), listing.toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
