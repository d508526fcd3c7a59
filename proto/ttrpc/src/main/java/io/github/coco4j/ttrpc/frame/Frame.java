package io.github.coco4j.ttrpc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * One ttrpc message: a 10-byte big-endian header (uint32 body length, uint32 stream id, uint8
 * type, uint8 flags) and its body. It owns {@code body}: releasing the frame releases the body.
 */
public final class Frame extends AbstractReferenceCounted {
    public static final int HEADER_LENGTH = 10;
    /** The largest body a peer accepts (ttrpc's messageLengthMax). */
    public static final int MAX_BODY_LENGTH = 4 << 20;

    public static final byte TYPE_REQUEST = 1;
    public static final byte TYPE_RESPONSE = 2;

    private final int streamId;
    private final byte type;
    private final byte flags;
    private final ByteBuf body;

    public Frame(int streamId, byte type, byte flags, ByteBuf body) {
        this.streamId = streamId;
        this.type = type;
        this.flags = flags;
        this.body = body;
    }

    /** The stream id, an unsigned 32-bit number held in an int. */
    public int streamId() {
        return streamId;
    }

    public byte type() {
        return type;
    }

    public byte flags() {
        return flags;
    }

    public ByteBuf body() {
        return body;
    }

    @Override
    protected void deallocate() {
        body.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        body.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "Frame[stream " + Integer.toUnsignedString(streamId) + ", type " + type + ", flags " + flags
                + ", " + body.readableBytes() + " bytes]";
    }
}
