package io.github.coco4j.ttrpc.frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Byte streams for the frame reader and writer that hand over bytes in pieces, as sockets do. */
final class Streams {
    private Streams() {
    }

    /** A stream of {@code pieces}, at most one piece (or what is left of it) per read, then its end. */
    static ReadableByteChannel pieces(List<byte[]> pieces) {
        Deque<ByteBuffer> left = new ArrayDeque<>();
        pieces.forEach(piece -> left.add(ByteBuffer.wrap(piece)));
        return new Readable() {
            @Override
            public int read(ByteBuffer into) {
                while (!left.isEmpty() && !left.peek().hasRemaining()) {
                    left.poll();
                }
                if (left.isEmpty()) {
                    return -1;
                }
                ByteBuffer piece = left.peek();
                int n = Math.min(into.remaining(), piece.remaining());
                into.put(piece.slice().limit(n));
                piece.position(piece.position() + n);
                return n;
            }
        };
    }

    /** {@code header}, then {@code length} bytes of a body that is never held in memory, then the end. */
    static ReadableByteChannel headerAndBody(byte[] header, long length) {
        ReadableByteChannel head = pieces(List.of(header));
        return new Readable() {
            private long body = length;

            @Override
            public int read(ByteBuffer into) throws IOException {
                int n = head.read(into);
                if (n >= 0 || body == 0) {
                    return n;
                }
                n = (int) Math.min(into.remaining(), body);
                into.position(into.position() + n);
                body -= n;
                return n;
            }
        };
    }

    /** A frame header as the wire carries it. */
    static byte[] header(long length, int streamId, int type, int flags) {
        return ByteBuffer.allocate(Frame.HEADER_LENGTH).putInt((int) length).putInt(streamId).put((byte) type).put((byte) flags).array();
    }

    private abstract static class Readable implements ReadableByteChannel {
        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Collects what is written, taking at most {@code maxPerWrite} bytes a write. */
    static final class Sink implements GatheringByteChannel {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final int maxPerWrite;

        Sink(int maxPerWrite) {
            this.maxPerWrite = maxPerWrite;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length && n < maxPerWrite; i++) {
                n += write(sources[i], (int) (maxPerWrite - n));
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) {
            return write(source, maxPerWrite);
        }

        private int write(ByteBuffer source, int max) {
            int n = Math.min(max, source.remaining());
            for (int i = 0; i < n; i++) {
                written.write(source.get());
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
