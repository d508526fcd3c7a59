package io.github.coco4j.ttrpc.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static byte[] header(long length, int streamId, int type, int flags) {
        return Unpooled.buffer(10).writeInt((int) length).writeInt(streamId).writeByte(type).writeByte(flags).array();
    }

    @Test
    void headerIsTenBigEndianBytesBeforeTheBody() {
        EmbeddedChannel channel = new EmbeddedChannel(FrameEncoder.INSTANCE);
        channel.writeOutbound(new Frame(0x01020305, Frame.TYPE_RESPONSE, (byte) 0x40, Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII)));
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; part.release()) {
            out.writeBytes(part);
        }
        assertEquals("00000003" + "01020305" + "02" + "40" + "616263", ByteBufUtil.hexDump(out));
    }

    @Test
    void framesSplitAnywhereAreReassembled() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        byte[] wire = ByteBufUtil.getBytes(Unpooled.wrappedBuffer(header(2, 7, 1, 0), new byte[] {'h', 'i'}, header(0, 9, 1, 0)));
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        Frame first = channel.readInbound();
        assertEquals(7, first.streamId());
        assertEquals(Frame.TYPE_REQUEST, first.type());
        assertEquals("hi", first.body().toString(StandardCharsets.US_ASCII));
        first.release();
        Frame empty = channel.readInbound();
        assertEquals(9, empty.streamId());
        assertEquals(0, empty.body().readableBytes());
        empty.release();
        assertNull(channel.readInbound());
    }

    @Test
    void aBodyOfExactlyFourMebibytesIsAFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(header(Frame.MAX_BODY_LENGTH, 1, 1, 0), new byte[Frame.MAX_BODY_LENGTH]));
        Frame frame = channel.readInbound();
        assertEquals(Frame.MAX_BODY_LENGTH, frame.body().readableBytes());
        frame.release();
    }

    @Test
    void anOversizedBodyIsSkippedAsItArrivesAndReportedOnce() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        long length = Frame.MAX_BODY_LENGTH + 1L;
        channel.writeInbound(Unpooled.wrappedBuffer(header(length, 11, 1, 0)));
        OversizedFrame oversized = channel.readInbound();
        assertEquals(new OversizedFrame(11, Frame.TYPE_REQUEST, length), oversized);
        assertEquals("message length 4194305 exceed maximum message size of 4194304", oversized.message());
        // The body arrives in pieces, the last one together with the next frame.
        byte[] chunk = new byte[64 * 1024];
        long left = length;
        while (left > chunk.length) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            left -= chunk.length;
        }
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[(int) left], header(1, 13, 1, 0), new byte[] {42}));
        Frame next = channel.readInbound();
        assertEquals(13, next.streamId());
        assertArrayEquals(new byte[] {42}, ByteBufUtil.getBytes(next.body()));
        next.release();
    }

    @Test
    void lengthIsUnsigned() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(header(0xFFFFFFFFL, 3, 1, 0)));
        OversizedFrame oversized = channel.readInbound();
        assertEquals(4294967295L, oversized.length());
    }
}
