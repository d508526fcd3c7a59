package io.github.coco4j.ttrpc.client;

import io.github.coco4j.ttrpc.TtrpcAddress;
import io.github.coco4j.ttrpc.frame.Frame;
import io.github.coco4j.ttrpc.frame.FrameReader;
import io.github.coco4j.ttrpc.frame.FrameWriter;
import io.github.coco4j.ttrpc.frame.Inbound;
import io.github.coco4j.ttrpc.frame.OversizedFrame;
import io.github.coco4j.ttrpc.wire.Request;
import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.Status;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection to a ttrpc server, shared by every call of a channel: it numbers the calls'
 * streams 1, 3, 5 … (odd ids are the client's) and matches responses to them in any order. A
 * thread of its own connects, then reads the responses; requests are written by the callers.
 */
final class ClientConnection {
    private final TtrpcAddress address;
    private final SocketChannel channel;
    private final FrameWriter writer;
    private final Thread reader;
    /** Completes once connected: requests sent before wait for it, and fail if it fails. */
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final Map<Integer, ResponseSink> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextStreamId = new AtomicInteger(1);
    private volatile boolean closed;

    private ClientConnection(TtrpcAddress address, ThreadFactory threads) throws IOException {
        this.address = address;
        this.channel = address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        this.writer = new FrameWriter(channel);
        this.reader = threads.newThread(this::run);
    }

    /** Starts connecting on a thread of {@code threads}; calls sent meanwhile wait for the connection. */
    static ClientConnection open(TtrpcAddress address, ThreadFactory threads) throws IOException {
        ClientConnection connection = new ClientConnection(address, threads);
        connection.reader.start();
        return connection;
    }

    /** Whether the connection failed or was lost, so the next call needs a new one. */
    boolean isClosed() {
        return closed;
    }

    /** What went wrong, never "null": some failures of the JDK's sockets come without a message. */
    private static String reason(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /** A new stream id for a call to {@link #send} on. */
    int newStream() {
        return nextStreamId.getAndAdd(2);
    }

    /** Sends a request on {@code streamId}, whose outcome goes to {@code sink}. */
    void send(int streamId, Request request, ResponseSink sink) {
        pending.put(streamId, sink);
        if (closed && connected.isDone() && !connected.isCompletedExceptionally()) {
            // Lost after connecting, while this call registered: the reading thread may have failed
            // the calls in flight already.
            fail(streamId, lost());
            return;
        }
        Frame frame = new Frame(streamId, Frame.TYPE_REQUEST, request.toByteArray());
        connected.whenComplete((ok, failure) -> {
            if (failure != null) {
                fail(streamId, Status.UNAVAILABLE.withDescription("cannot connect to " + address + ": " + reason(failure))
                        .withCause(failure));
                return;
            }
            try {
                writer.write(frame);
            } catch (IOException e) {
                fail(streamId, Status.UNAVAILABLE.withDescription("cannot send to " + address + ": " + reason(e)).withCause(e));
                close(); // a frame written in part leaves the stream out of step
            }
        });
    }

    /** Drops a stream the call gave up on (deadline, cancellation); a late answer is discarded. */
    void forget(int streamId) {
        pending.remove(streamId);
    }

    /** Closes the socket; the reading thread then fails the calls in flight and ends. */
    void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closed all the same
        }
    }

    /** Waits up to {@code millis} for the reading thread to end; whether it has. */
    boolean awaitEnd(long millis) throws InterruptedException {
        reader.join(Math.max(1, millis));
        return hasEnded();
    }

    boolean hasEnded() {
        return !reader.isAlive();
    }

    private void run() {
        try {
            connect();
        } catch (IOException | RuntimeException e) { // an unresolved host is unchecked
            closed = true;
            connected.completeExceptionally(e);
            close();
            return;
        }
        connected.complete(null);
        FrameReader frames = new FrameReader(channel);
        try {
            for (Inbound inbound = frames.read(); inbound != null; inbound = frames.read()) {
                dispatch(inbound);
            }
        } catch (IOException e) {
            // lost: the calls in flight fail below
        } finally {
            close();
            Status lost = lost();
            for (Integer streamId : pending.keySet()) {
                fail(streamId, lost);
            }
        }
    }

    private void connect() throws IOException {
        if (!address.isUnix()) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        channel.connect(address.socketAddress());
    }

    private Status lost() {
        return Status.UNAVAILABLE.withDescription("connection to " + address + " closed");
    }

    private void fail(int streamId, Status status) {
        ResponseSink sink = pending.remove(streamId);
        if (sink != null) {
            sink.onFailure(status);
        }
    }

    private void dispatch(Inbound inbound) {
        if (inbound.type() != Frame.TYPE_RESPONSE) {
            return;
        }
        if (inbound instanceof OversizedFrame oversized) {
            fail(oversized.streamId(), Status.RESOURCE_EXHAUSTED.withDescription(oversized.message()));
            return;
        }
        ResponseSink sink = pending.remove(inbound.streamId());
        if (sink == null) {
            return; // the call already ended
        }
        Response response;
        try {
            response = Response.parseFrom(((Frame) inbound).body());
        } catch (IOException e) {
            sink.onFailure(Status.INTERNAL.withDescription("cannot decode the ttrpc response: " + e.getMessage()).withCause(e));
            return;
        }
        sink.onResponse(response);
    }
}
