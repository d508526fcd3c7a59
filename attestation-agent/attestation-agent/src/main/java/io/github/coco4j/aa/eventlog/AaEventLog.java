package io.github.coco4j.aa.eventlog;

import io.github.coco4j.aa.attester.MeasurementRegisters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The Attestation Agent Event Log: TCG2 entries appended to a file, each one also extended into a
 * measurement register. A write-ahead record makes "extend register" and "append entry" one step
 * across crashes: it is written before the extend and removed after the append, so a restart
 * either completes the pair or refuses to start when the register moved in an unexplained way.
 */
public final class AaEventLog implements AutoCloseable {
    public static final String LOG_FILE = "eventlog";
    private static final String WAL_FILE = ".wal_event_entry";

    private final FileChannel log;
    private final Path wal;
    private final MeasurementRegisters registers;

    private AaEventLog(FileChannel log, Path wal, MeasurementRegisters registers) {
        this.log = log;
        this.wal = wal;
        this.registers = registers;
    }

    /** Opens (creating) the log in {@code directory} and finishes an entry a crash left half-done. */
    public static AaEventLog open(Path directory, MeasurementRegisters registers) throws IOException {
        Files.createDirectories(directory);
        FileChannel log = FileChannel.open(directory.resolve(LOG_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        log.position(log.size());
        AaEventLog eventLog = new AaEventLog(log, directory.resolve(WAL_FILE), registers);
        try {
            eventLog.recover();
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return eventLog;
    }

    /** Measures the event into {@code pcr} and appends it to the log. */
    public synchronized void record(AaelEvent event, int pcr) throws IOException {
        Tcg2EventEntry entry = Tcg2EventEntry.of(event, registers.registerIndex(pcr), registers.algorithm());
        byte[] expected = extendedValue(registers.read(pcr), entry.digest());
        long offset = log.position();
        writeWal(new WalRecord(offset, pcr, expected, event.toString()));
        registers.extend(pcr, entry.digest());
        append(offset, entry.encoded());
        Files.delete(wal);
    }

    private void recover() throws IOException {
        if (!Files.exists(wal)) {
            return;
        }
        WalRecord pending;
        try {
            pending = WalRecord.decode(Files.readAllBytes(wal), registers.algorithm().length());
        } catch (IllegalArgumentException e) {
            throw new IOException("event log write-ahead record " + wal + " is unreadable (" + e.getMessage()
                    + "); remove it only if the register and the log are known to agree", e);
        }
        AaelEvent event = AaelEvent.parse(pending.eventText());
        Tcg2EventEntry entry = Tcg2EventEntry.of(event, registers.registerIndex(pending.pcr()),
                registers.algorithm());
        byte[] current = registers.read(pending.pcr());
        if (!Arrays.equals(current, pending.expectedValue())) {
            if (!Arrays.equals(extendedValue(current, entry.digest()), pending.expectedValue())) {
                throw new IOException("event log recovery: PCR " + pending.pcr() + " holds neither the value before "
                        + "nor after the pending entry; the log " + LOG_FILE + " no longer matches the register");
            }
            registers.extend(pending.pcr(), entry.digest());
        }
        append(pending.offset(), entry.encoded());
        Files.delete(wal);
    }

    private byte[] extendedValue(byte[] current, byte[] digest) {
        byte[] input = Arrays.copyOf(current, current.length + digest.length);
        System.arraycopy(digest, 0, input, current.length, digest.length);
        return registers.algorithm().digest(input);
    }

    private void append(long offset, byte[] encoded) throws IOException {
        log.position(offset);
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        while (buffer.hasRemaining()) {
            log.write(buffer);
        }
        log.truncate(offset + encoded.length);
        log.force(false);
    }

    private void writeWal(WalRecord record) throws IOException {
        Path temp = Files.createTempFile(wal.getParent(), WAL_FILE, ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(record.encode()));
            out.force(true);
        }
        Files.move(temp, wal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    /** The pending entry: where it goes, which PCR, the register value after it, and its text. */
    private record WalRecord(long offset, int pcr, byte[] expectedValue, String eventText) {
        byte[] encode() {
            byte[] text = eventText.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(12 + expectedValue.length + text.length)
                    .putLong(offset).putInt(pcr).put(expectedValue).put(text).array();
        }

        static WalRecord decode(byte[] bytes, int digestLength) {
            if (bytes.length < 12 + digestLength) {
                throw new IllegalArgumentException(bytes.length + " bytes is too short");
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long offset = in.getLong();
            int pcr = in.getInt();
            byte[] expected = new byte[digestLength];
            in.get(expected);
            byte[] text = new byte[in.remaining()];
            in.get(text);
            return new WalRecord(offset, pcr, expected, new String(text, StandardCharsets.UTF_8));
        }
    }
}
