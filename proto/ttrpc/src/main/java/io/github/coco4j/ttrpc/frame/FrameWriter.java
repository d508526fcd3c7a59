package io.github.coco4j.ttrpc.frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * Writes frames to a blocking byte stream, from any thread: each frame's header and body go out
 * whole, never interleaved with another frame's.
 */
public final class FrameWriter {
    private final GatheringByteChannel out;

    public FrameWriter(GatheringByteChannel out) {
        this.out = out;
    }

    /**
     * Writes {@code frame} as its header followed by its body, without copying the body. A
     * pending interrupt of the calling thread is set aside meanwhile: on a JDK channel it would
     * close the connection, and with it every other call on it.
     */
    public void write(Frame frame) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_LENGTH)
                .putInt(frame.body().length)
                .putInt(frame.streamId())
                .put(frame.type())
                .put(frame.flags())
                .flip();
        ByteBuffer[] parts = {header, ByteBuffer.wrap(frame.body())};
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (this) {
                while (parts[1].hasRemaining() || parts[0].hasRemaining()) {
                    out.write(parts);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
