package io.github.coco4j.aa.evidence;

import java.util.Arrays;

/**
 * Bounds-checked cursor over a binary structure. Every read names the field it reads so a truncated
 * or oversized input fails with a message that says which field of which structure was cut short.
 */
final class ByteReader {
    private final byte[] data;
    private final String structure;
    private int position;

    ByteReader(byte[] data, String structure) {
        this.data = data;
        this.structure = structure;
    }

    ByteReader(byte[] data, int offset, String structure) {
        this(data, structure);
        seek(offset, "start");
    }

    byte[] bytes(int length, String field) {
        require(length, field);
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    int u8(String field) {
        require(1, field);
        return data[position++] & 0xff;
    }

    int u16le(String field) {
        return (int) littleEndian(2, field);
    }

    long u32le(String field) {
        return littleEndian(4, field);
    }

    long u64le(String field) {
        return littleEndian(8, field);
    }

    int u16be(String field) {
        return (int) bigEndian(2, field);
    }

    long u32be(String field) {
        return bigEndian(4, field);
    }

    long u64be(String field) {
        return bigEndian(8, field);
    }

    void skip(int length, String field) {
        require(length, field);
        position += length;
    }

    void seek(int offset, String field) {
        if (offset < 0 || offset > data.length) {
            throw new EvidenceFormatException(structure + ": " + field + " at offset " + offset
                    + " lies outside the " + data.length + "-byte input");
        }
        position = offset;
    }

    int position() {
        return position;
    }

    int remaining() {
        return data.length - position;
    }

    void expectEnd() {
        if (position != data.length) {
            throw new EvidenceFormatException(structure + ": " + (data.length - position)
                    + " unexpected trailing bytes after offset " + position);
        }
    }

    private long littleEndian(int width, String field) {
        require(width, field);
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = (value << 8) | (data[position + i] & 0xff);
        }
        position += width;
        return value;
    }

    private long bigEndian(int width, String field) {
        require(width, field);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (data[position + i] & 0xff);
        }
        position += width;
        return value;
    }

    private void require(int length, String field) {
        if (length < 0 || data.length - position < length) {
            throw new EvidenceFormatException(structure + ": truncated at " + field + " (offset " + position
                    + ", needs " + length + " bytes, " + (data.length - position) + " left)");
        }
    }
}
