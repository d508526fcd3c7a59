package io.github.coco4j.ttrpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.ttrpc.frame.Frame;
import io.github.coco4j.ttrpc.frame.FrameReader;
import io.github.coco4j.ttrpc.frame.FrameWriter;
import io.github.coco4j.ttrpc.wire.Request;
import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.Status;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a connection answers on its reading thread itself, frame by frame, over a real socket. */
class ServerConnectionTest {
    @TempDir
    Path dir;

    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1);
    private SocketChannel peer;
    private FrameWriter out;
    private FrameReader in;
    private Thread reading;

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
            peer = SocketChannel.open(listener.getLocalAddress());
            ServerConnection connection = new ServerConnection(listener.accept(), new MethodRegistry(List.of()), Runnable::run,
                    deadlines, 8);
            reading = new Thread(connection);
            reading.start();
        }
        out = new FrameWriter(peer);
        in = new FrameReader(peer);
    }

    @AfterEach
    void close() throws Exception {
        peer.close();
        reading.join();
        deadlines.shutdownNow();
    }

    private void send(int streamId, int type, byte[] body) throws IOException {
        out.write(new Frame(streamId, (byte) type, body));
    }

    private static byte[] request(String service, String method) {
        return Request.newBuilder().setService(service).setMethod(method).build().toByteArray();
    }

    private Response answer(int streamId) throws IOException {
        Frame frame = (Frame) in.read();
        assertEquals(streamId, frame.streamId());
        assertEquals(Frame.TYPE_RESPONSE, frame.type());
        return Response.parseFrom(frame.body());
    }

    @Test
    void evenStreamIdsAreRefused() throws IOException {
        send(2, 1, request("s", "m"));
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
        send(3, 1, request("grpc.Health", "Check"));
        Response response = answer(3);
        assertEquals(Status.Code.UNIMPLEMENTED.value(), response.getStatus().getCode());
        assertEquals("service grpc.Health", response.getStatus().getMessage());
    }

    @Test
    void otherFrameTypesAreIgnored() throws IOException {
        send(5, 2, new byte[] {1, 2, 3});
        send(7, 3, new byte[0]);
        send(9, 1, request("x", "y"));
        // The first answer is the request's: nothing was sent for the other frames.
        assertEquals("service x", answer(9).getStatus().getMessage());
    }

    @Test
    void anOversizedRequestIsAnsweredOnItsStreamAndTheConnectionGoesOn() throws IOException {
        send(9, 1, new byte[Frame.MAX_BODY_LENGTH + 10]);
        Response response = answer(9);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), response.getStatus().getCode());
        assertEquals("message length 4194314 exceed maximum message size of 4194304", response.getStatus().getMessage());
        send(11, 1, request("x", "y"));
        assertEquals("service x", answer(11).getStatus().getMessage());
    }

    @Test
    void aPeerClosingInsideAFrameEndsTheConnection() throws Exception {
        peer.write(ByteBuffer.allocate(Frame.HEADER_LENGTH + 3).putInt(100).putInt(13).put((byte) 1).put((byte) 0).position(Frame.HEADER_LENGTH + 3).flip());
        peer.shutdownOutput();
        reading.join();
        assertFalse(reading.isAlive());
        assertNull(in.read(), "closed without an answer");
    }
}
