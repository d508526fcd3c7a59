package io.github.coco4j.aa.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code cc_eventlog} of TDX evidence: the firmware's CCEL table trimmed to its last entry,
 * followed by the AAEL entries, closed with an all-ones end marker. Without a CCEL the AAEL entries
 * follow a fixed spec-ID header (SHA-384 and SM3 digest sizes) so that verifiers can parse them.
 */
public final class CcEventLog {

    /** EV_NO_ACTION spec-ID event announcing SHA-384 (48 B) and SM3 (32 B) digests. */
    private static final byte[] HEADER = {
        0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x25, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x0C, 0x00, 0x30, 0x00,
        0x12, 0x00, 0x20, 0x00, 0x00,
    };
    private static final int EV_NO_ACTION = 0x3;
    private static final int SHA1_DIGEST = 20;

    private CcEventLog() {
    }

    /** The event log bytes, or empty when there is neither a CCEL nor an AAEL. */
    public static Optional<byte[]> read(Path ccel, Path aael) throws IOException {
        byte[] firmware = Files.exists(ccel) ? trim(Files.readAllBytes(ccel)) : new byte[0];
        byte[] runtime = Files.exists(aael) ? Files.readAllBytes(aael) : new byte[0];
        if (firmware.length == 0 && runtime.length == 0) {
            return Optional.empty();
        }
        byte[] prefix = firmware.length > 0 ? firmware : HEADER;
        ByteBuffer out = ByteBuffer.allocate(prefix.length + runtime.length + 8);
        out.put(prefix).put(runtime);
        for (int i = 0; i < 8; i++) {
            out.put((byte) 0xff);
        }
        return Optional.of(out.array());
    }

    /**
     * Cuts the CCEL table at its end: the first entry in the SHA-1 format, then crypto-agile
     * entries until an all-zero or all-ones marker.
     */
    static byte[] trim(byte[] ccel) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(ccel).order(ByteOrder.LITTLE_ENDIAN);
        need(in, 8 + SHA1_DIGEST, "first event");
        in.getInt();
        int type = in.getInt();
        in.position(in.position() + SHA1_DIGEST);
        if (type == EV_NO_ACTION) {
            need(in, 4, "first event size");
            skip(in, in.getInt(), "first event data");
        }
        while (true) {
            need(in, 8, "end marker");
            long marker = in.getLong(in.position());
            if (marker == 0 || marker == -1L) {
                byte[] trimmed = new byte[in.position()];
                System.arraycopy(ccel, 0, trimmed, 0, trimmed.length);
                return trimmed;
            }
            need(in, 12, "event header");
            in.position(in.position() + 8);
            int digests = in.getInt();
            for (int i = 0; i < digests; i++) {
                need(in, 2, "digest algorithm");
                skip(in, digestLength(in.getShort() & 0xffff), "digest");
            }
            need(in, 4, "event data size");
            skip(in, in.getInt(), "event data");
        }
    }

    private static int digestLength(int algorithm) throws IOException {
        return switch (algorithm) {
            case 0x0B, 0x12 -> 32;
            case 0x0C -> 48;
            case 0x0D -> 64;
            default -> throw new IOException(String.format("CCEL: unsupported digest algorithm 0x%04x", algorithm));
        };
    }

    private static void need(ByteBuffer in, int length, String what) throws IOException {
        if (in.remaining() < length) {
            throw new IOException("CCEL: truncated at " + what + " (offset " + in.position() + ")");
        }
    }

    private static void skip(ByteBuffer in, int length, String what) throws IOException {
        if (length < 0) {
            throw new IOException("CCEL: negative " + what + " length at offset " + in.position());
        }
        need(in, length, what);
        in.position(in.position() + length);
    }
}
