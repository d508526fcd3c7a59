package io.github.coco4j.aa.eventlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CcEventLogTest {
    @TempDir
    Path dir;

    /** A CCEL-shaped table: a SHA-1 format spec-ID event, one SHA-384 event, then the unused zero tail. */
    private static byte[] ccel(int zeroTail) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 20 + 4 + 10 + 4 + 4 + 4 + 2 + 48 + 4 + 3 + zeroTail)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(3).put(new byte[20]).putInt(10).put(new byte[10]);
        b.putInt(1).putInt(0x80000001).putInt(1).putShort((short) 0x000C).put(new byte[48]).putInt(3)
                .put(new byte[] {7, 8, 9});
        return b.array();
    }

    @Test
    void ccelIsCutAtItsEndAndAaelFollows() throws IOException {
        byte[] table = ccel(64);
        Files.write(dir.resolve("CCEL"), table);
        Files.write(dir.resolve("aael"), new byte[] {42});
        byte[] log = CcEventLog.read(dir.resolve("CCEL"), dir.resolve("aael")).orElseThrow();
        int used = table.length - 64;
        assertArrayEquals(Arrays.copyOf(table, used), Arrays.copyOf(log, used));
        assertArrayEquals(new byte[] {42, -1, -1, -1, -1, -1, -1, -1, -1}, Arrays.copyOfRange(log, used, log.length));
    }

    @Test
    void nothingToReportIsEmpty() throws IOException {
        assertTrue(CcEventLog.read(dir.resolve("none"), dir.resolve("none2")).isEmpty());
    }

    @Test
    void tableWithoutEndMarkerIsAnError() {
        assertThrows(IOException.class, () -> CcEventLog.trim(ccel(0)));
    }

    @Test
    void unknownDigestAlgorithmIsAnError() {
        byte[] table = ccel(16);
        ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).putShort(4 + 4 + 20 + 4 + 10 + 12, (short) 0x99);
        IOException e = assertThrows(IOException.class, () -> CcEventLog.trim(table));
        assertTrue(e.getMessage().contains("0x0099"), e.getMessage());
    }
}
