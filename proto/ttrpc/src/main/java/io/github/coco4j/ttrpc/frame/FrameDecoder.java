package io.github.coco4j.ttrpc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a byte stream into {@link Frame}s. A body over {@link Frame#MAX_BODY_LENGTH} is skipped
 * as it arrives, never buffered, and reported as one {@link OversizedFrame}: so memory per
 * connection stays bounded and the stream stays in step.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** Bytes of an oversized body still to skip. */
    private long discarding;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding > 0) {
            int skip = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(skip);
            discarding -= skip;
            if (discarding > 0) {
                return;
            }
        }
        if (in.readableBytes() < Frame.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        long length = in.getUnsignedInt(start);
        int streamId = in.getInt(start + 4);
        byte type = in.getByte(start + 8);
        byte flags = in.getByte(start + 9);
        if (length > Frame.MAX_BODY_LENGTH) {
            in.skipBytes(Frame.HEADER_LENGTH);
            discarding = length;
            out.add(new OversizedFrame(streamId, type, length));
            return;
        }
        if (in.readableBytes() < Frame.HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(Frame.HEADER_LENGTH);
        out.add(new Frame(streamId, type, flags, in.readRetainedSlice((int) length)));
    }
}
