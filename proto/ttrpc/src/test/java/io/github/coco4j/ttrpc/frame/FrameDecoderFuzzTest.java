package io.github.coco4j.ttrpc.frame;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * A byte stream from a peer, arriving in arbitrary pieces: the decoder yields frames no larger
 * than the bound, or oversized-frame notices, and never throws or buffers past the bound.
 */
class FrameDecoderFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void decode(FuzzedDataProvider data) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        try {
            while (data.remainingBytes() > 0) {
                byte[] piece = data.consumeBytes(data.consumeInt(1, 4096));
                channel.writeInbound(Unpooled.wrappedBuffer(piece));
                drain(channel);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void drain(EmbeddedChannel channel) {
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            try {
                if (message instanceof Frame frame) {
                    assertTrue(frame.body().readableBytes() <= Frame.MAX_BODY_LENGTH);
                } else {
                    assertTrue(message instanceof OversizedFrame, message.getClass().getName());
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }
}
