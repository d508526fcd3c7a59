package io.github.coco4j.ttrpc.frame;

/**
 * One ttrpc message: a 10-byte big-endian header (uint32 body length, uint32 stream id, uint8
 * type, uint8 flags) and its body.
 */
public record Frame(int streamId, byte type, byte flags, byte[] body) implements Inbound {
    public static final int HEADER_LENGTH = 10;
    /** The largest body a peer accepts (ttrpc's messageLengthMax). */
    public static final int MAX_BODY_LENGTH = 4 << 20;

    public static final byte TYPE_REQUEST = 1;
    public static final byte TYPE_RESPONSE = 2;

    /** A frame without flags, as both ends send them. */
    public Frame(int streamId, byte type, byte[] body) {
        this(streamId, type, (byte) 0, body);
    }

    @Override
    public String toString() {
        return "Frame[stream " + Integer.toUnsignedString(streamId) + ", type " + type + ", flags " + flags
                + ", " + body.length + " bytes]";
    }
}
