package io.github.coco4j.ttrpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.ttrpc.frame.Frame;
import io.github.coco4j.ttrpc.frame.FrameDecoder;
import io.github.coco4j.ttrpc.frame.FrameEncoder;
import io.github.coco4j.ttrpc.wire.Request;
import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a connection answers on the event loop itself, frame by frame. */
class ServerConnectionTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(), FrameEncoder.INSTANCE,
            new ServerConnection(new MethodRegistry(List.of()), Runnable::run, 8));

    private void send(int streamId, int type, byte[] body) {
        channel.writeInbound(Unpooled.buffer().writeInt(body.length).writeInt(streamId).writeByte(type).writeByte(0).writeBytes(body));
    }

    private Response answer(int streamId) throws IOException {
        ByteBuf header = channel.readOutbound();
        ByteBuf body = channel.readOutbound();
        assertEquals(streamId, header.getInt(4));
        assertEquals(Frame.TYPE_RESPONSE, header.getByte(8));
        assertEquals(body.readableBytes(), header.getInt(0));
        header.release();
        return Response.parseFrom(new ByteBufInputStream(body, true));
    }

    @Test
    void evenStreamIdsAreRefused() throws IOException {
        send(2, 1, Request.newBuilder().setService("s").setMethod("m").build().toByteArray());
        Response response = answer(2);
        assertEquals(Status.Code.INVALID_ARGUMENT.value(), response.getStatus().getCode());
        assertEquals("StreamID must be odd for client initiated streams", response.getStatus().getMessage());
    }

    @Test
    void anUndecodableRequestIsInvalidArgument() throws IOException {
        send(1, 1, new byte[] {(byte) 0xff, (byte) 0xff});
        Response response = answer(1);
        assertEquals(Status.Code.INVALID_ARGUMENT.value(), response.getStatus().getCode());
        assertTrue(response.getStatus().getMessage().startsWith("unmarshal request error: "), response.getStatus().getMessage());
        assertTrue(response.getPayload().isEmpty());
    }

    @Test
    void unknownServiceIsUnimplemented() throws IOException {
        send(3, 1, Request.newBuilder().setService("grpc.Health").setMethod("Check").build().toByteArray());
        Response response = answer(3);
        assertEquals(Status.Code.UNIMPLEMENTED.value(), response.getStatus().getCode());
        assertEquals("service grpc.Health", response.getStatus().getMessage());
    }

    @Test
    void otherFrameTypesAreIgnored() {
        send(5, 2, new byte[] {1, 2, 3});
        send(7, 3, new byte[0]);
        assertNull(channel.readOutbound());
        assertTrue(channel.isActive());
    }

    @Test
    void anOversizedRequestIsAnsweredOnItsStreamAndTheConnectionGoesOn() throws IOException {
        send(9, 1, new byte[Frame.MAX_BODY_LENGTH + 10]);
        Response response = answer(9);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), response.getStatus().getCode());
        assertEquals("message length 4194314 exceed maximum message size of 4194304", response.getStatus().getMessage());
        send(11, 1, Request.newBuilder().setService("x").setMethod("y").build().toByteArray());
        assertEquals("service x", answer(11).getStatus().getMessage());
    }
}
