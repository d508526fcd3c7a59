package io.github.coco4j.ttrpc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Writes a {@link Frame} as its header followed by its body, without copying the body. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        ByteBuf header = ctx.alloc().buffer(Frame.HEADER_LENGTH)
                .writeInt(frame.body().readableBytes())
                .writeInt(frame.streamId())
                .writeByte(frame.type())
                .writeByte(frame.flags());
        out.add(header);
        out.add(frame.body().retain());
    }
}
