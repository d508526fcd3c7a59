package io.github.coco4j.aa.eventlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AaEventLogTest {
    private static final AaelEvent EVENT = new AaelEvent("domain", "operation", "content");
    @TempDir
    Path dir;

    @Test
    void entryDigestsMatchUpstreamVectors() {
        assertEquals("46df8dacf00a07d34a83cdf56d7978697790787cf2ba1432ef7c38f22cd96351",
                hex(Tcg2EventEntry.of(EVENT, 17, HashAlgorithm.SHA256).digest()));
        assertEquals("dad5f0e226318ffa9839b75a472c6aa7fdb5834949d0a0a22990cf04d5692440fb00f3aa0609db7e49cd8d79"
                + "3f670d02", hex(Tcg2EventEntry.of(EVENT, 17, HashAlgorithm.SHA384).digest()));
        assertEquals("b708d222ca8bd44dfe6ba0c4ca2cbb72379276fba8091025217064be45a813e5d6124ccf073219edb617d1faf0"
                + "07d55061465bdf34b7437dbdc9a7405bd4e9c0", hex(Tcg2EventEntry.of(EVENT, 17, HashAlgorithm.SHA512).digest()));
    }

    @Test
    void entryLayoutIsTcg2EventTag() {
        byte[] encoded = Tcg2EventEntry.of(EVENT, 17, HashAlgorithm.SHA256).encoded();
        ByteBuffer in = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(17, in.getInt());
        assertEquals(6, in.getInt());
        assertEquals(1, in.getInt());
        assertEquals(0x000B, in.getShort());
        in.position(in.position() + 32);
        int size = in.getInt();
        assertEquals(encoded.length - in.position(), size);
        assertEquals(0x4141454c, in.getInt());
        assertEquals("domain operation content".length(), in.getInt());
    }

    @Test
    void recordExtendsTheRegisterAndAppendsTheEntry() throws IOException {
        SoftwareRegisters registers = new SoftwareRegisters(HashAlgorithm.SHA256);
        try (AaEventLog log = AaEventLog.open(dir, registers)) {
            log.record(EVENT, 17);
            log.record(new AaelEvent("github.com/confidential-containers", "PullImage", "{\"image\":\"a\"}"), 17);
        }
        Tcg2EventEntry first = Tcg2EventEntry.of(EVENT, 17, HashAlgorithm.SHA256);
        byte[] log = Files.readAllBytes(dir.resolve(AaEventLog.LOG_FILE));
        assertArrayEquals(first.encoded(), java.util.Arrays.copyOf(log, first.encoded().length));
        SoftwareRegisters replay = new SoftwareRegisters(HashAlgorithm.SHA256);
        replay.extend(17, first.digest());
        replay.extend(17, Tcg2EventEntry.of(new AaelEvent("github.com/confidential-containers", "PullImage",
                "{\"image\":\"a\"}"), 17, HashAlgorithm.SHA256).digest());
        assertArrayEquals(replay.read(17), registers.read(17));
        assertFalse(Files.exists(dir.resolve(".wal_event_entry")));
    }

    @Test
    void crashAfterExtendIsCompletedWithoutExtendingTwice() throws IOException {
        SoftwareRegisters registers = crashedRecord(HashAlgorithm.SHA384, SoftwareRegisters.Crash.AFTER_EXTEND, 17);
        byte[] afterExtend = registers.read(17);
        AaEventLog.open(dir, registers).close();
        assertArrayEquals(afterExtend, registers.read(17));
        assertArrayEquals(Tcg2EventEntry.of(EVENT, 17, HashAlgorithm.SHA384).encoded(),
                Files.readAllBytes(dir.resolve(AaEventLog.LOG_FILE)));
    }

    @Test
    void crashBeforeExtendIsCompletedByExtending() throws IOException {
        SoftwareRegisters registers = crashedRecord(HashAlgorithm.SHA256, SoftwareRegisters.Crash.BEFORE_EXTEND, 9);
        AaEventLog.open(dir, registers).close();
        SoftwareRegisters expected = new SoftwareRegisters(HashAlgorithm.SHA256);
        expected.extend(9, Tcg2EventEntry.of(EVENT, 9, HashAlgorithm.SHA256).digest());
        assertArrayEquals(expected.read(9), registers.read(9));
    }

    @Test
    void registerMovedByAnotherWriterStopsRecovery() throws IOException {
        SoftwareRegisters registers = crashedRecord(HashAlgorithm.SHA256, SoftwareRegisters.Crash.BEFORE_EXTEND, 17);
        registers.set(17, new byte[32]);
        registers.extend(17, new byte[32]);
        IOException e = assertThrows(IOException.class, () -> AaEventLog.open(dir, registers));
        assertTrue(e.getMessage().contains("no longer matches"), e.getMessage());
    }

    @Test
    void malformedEventsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AaelEvent("do main", "op", "c"));
        assertThrows(IllegalArgumentException.class, () -> new AaelEvent("domain", "op", "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> new AaelEvent("domain", "", "c"));
    }

    /** Records EVENT into {@code pcr} with a crash at {@code crash}, leaving the write-ahead record behind. */
    private SoftwareRegisters crashedRecord(HashAlgorithm algorithm, SoftwareRegisters.Crash crash, int pcr)
            throws IOException {
        SoftwareRegisters registers = new SoftwareRegisters(algorithm);
        try (AaEventLog log = AaEventLog.open(dir, registers)) {
            registers.crash = crash;
            assertThrows(IOException.class, () -> log.record(EVENT, pcr));
        }
        registers.crash = SoftwareRegisters.Crash.NONE;
        return registers;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
