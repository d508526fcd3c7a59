package io.github.coco4j.ttrpc.frame;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames from a blocking byte stream. A body over {@link Frame#MAX_BODY_LENGTH} is skipped
 * in bounded chunks, never buffered, and reported as an {@link OversizedFrame}: so memory per
 * connection stays bounded and the stream stays in step.
 */
public final class FrameReader {
    private static final int SKIP_CHUNK = 64 * 1024;

    private final ReadableByteChannel in;
    private final ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_LENGTH);

    public FrameReader(ReadableByteChannel in) {
        this.in = in;
    }

    /**
     * The next frame; null when the stream ended between two frames. A stream that ends inside
     * a frame is an {@link EOFException}.
     */
    public Inbound read() throws IOException {
        header.clear();
        if (!fill(header)) {
            return null;
        }
        header.flip();
        long length = Integer.toUnsignedLong(header.getInt());
        int streamId = header.getInt();
        byte type = header.get();
        byte flags = header.get();
        if (length > Frame.MAX_BODY_LENGTH) {
            skip(length);
            return new OversizedFrame(streamId, type, length);
        }
        ByteBuffer body = ByteBuffer.allocate((int) length);
        if (!fill(body)) {
            throw truncated();
        }
        return new Frame(streamId, type, flags, body.array());
    }

    private void skip(long length) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(SKIP_CHUNK);
        for (long left = length; left > 0; left -= chunk.limit()) {
            chunk.clear().limit((int) Math.min(SKIP_CHUNK, left));
            if (!fill(chunk)) {
                throw truncated();
            }
        }
    }

    /** Fills {@code buffer}; false if the stream ended before its first byte, EOFException after. */
    private boolean fill(ByteBuffer buffer) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                if (buffer.position() == start) {
                    return false;
                }
                throw truncated();
            }
        }
        return true;
    }

    private static EOFException truncated() {
        return new EOFException("the peer closed the connection inside a frame");
    }
}
