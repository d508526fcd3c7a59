package io.github.coco4j.ttrpc.server;

import com.google.protobuf.ByteString;
import io.github.coco4j.ttrpc.TtrpcStatus;
import io.github.coco4j.ttrpc.frame.Frame;
import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.Status;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/** Writes ttrpc responses; safe from any thread (netty hands the write to the event loop). */
final class Responses {
    private Responses() {
    }

    /** A success: no status at all, as the Go server sends it. */
    static void sendPayload(Channel channel, int streamId, ByteString payload) {
        send(channel, streamId, Response.newBuilder().setPayload(payload).build());
    }

    /** An error: a status and no payload, which the Go client decodes before the status. */
    static void sendStatus(Channel channel, int streamId, Status status) {
        send(channel, streamId, Response.newBuilder().setStatus(TtrpcStatus.toProto(status)).build());
    }

    private static void send(Channel channel, int streamId, Response response) {
        channel.writeAndFlush(new Frame(streamId, Frame.TYPE_RESPONSE, (byte) 0,
                Unpooled.wrappedBuffer(response.toByteArray())));
    }
}
