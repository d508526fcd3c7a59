package io.github.coco4j.initdata;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The first member of gzip data (RFC 1952), checked against its CRC-32 and length, as Kata's
 * runtime decodes the initdata annotation (Rust flate2's {@code read::GzDecoder}): whatever follows
 * the first member, a second member or other bytes, is ignored. {@code java.util.zip.GZIPInputStream}
 * would instead append further members, and so measure a different document than the host did.
 */
final class GzipMember {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int TRAILER_BYTES = 8;

    private final byte[] data;
    private int at;

    private GzipMember(byte[] data) {
        this.data = data;
    }

    /** The first member's content, at most {@code max} bytes. */
    static byte[] inflate(byte[] gzip, int max) throws InitdataException {
        return new GzipMember(gzip).content(max);
    }

    private byte[] content(int max) throws InitdataException {
        skipHeader();
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data, at, data.length - at);
            byte[] content = inflateBounded(inflater, max);
            at = data.length - inflater.getRemaining();
            checkTrailer(content);
            return content;
        } finally {
            inflater.end();
        }
    }

    private void skipHeader() throws InitdataException {
        if (unsigned(0) != 0x1f || unsigned(1) != 0x8b || unsigned(2) != 8) {
            throw new InitdataException("the initdata annotation is not gzip data: no gzip header");
        }
        int flags = unsigned(3);
        at = 10;
        if ((flags & FEXTRA) != 0) {
            at += 2 + (unsigned(at) | unsigned(at + 1) << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        // The extra field's length and the header CRC are skipped unread: both may claim more than there is.
        if (at > data.length) {
            throw new InitdataException("the initdata annotation is not gzip data: truncated");
        }
    }

    private void skipZeroTerminated() throws InitdataException {
        while (unsigned(at) != 0) {
            at++;
        }
        at++;
    }

    private byte[] inflateBounded(Inflater inflater, int max) throws InitdataException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new InitdataException("the initdata annotation is not gzip data: truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw new InitdataException("the initdata annotation inflates to more than " + max + " bytes");
                }
            }
        } catch (DataFormatException e) {
            throw new InitdataException("the initdata annotation is not gzip data: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private void checkTrailer(byte[] content) throws InitdataException {
        if (data.length - at < TRAILER_BYTES) {
            throw new InitdataException("the initdata annotation is not gzip data: truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        if (littleEndian(at) != crc.getValue() || littleEndian(at + 4) != (content.length & 0xffffffffL)) {
            throw new InitdataException("the initdata annotation is not gzip data: checksum mismatch");
        }
    }

    private long littleEndian(int offset) throws InitdataException {
        return unsigned(offset) | unsigned(offset + 1) << 8 | unsigned(offset + 2) << 16 | (long) unsigned(offset + 3) << 24;
    }

    private int unsigned(int offset) throws InitdataException {
        if (offset >= data.length) {
            throw new InitdataException("the initdata annotation is not gzip data: truncated");
        }
        return data[offset] & 0xff;
    }
}
