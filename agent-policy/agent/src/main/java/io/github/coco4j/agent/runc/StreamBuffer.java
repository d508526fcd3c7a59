package io.github.coco4j.agent.runc;

import java.io.IOException;
import java.io.InputStream;

/**
 * Output of a process, pumped from its pipe into a bounded buffer that ReadStdout/ReadStderr
 * drain. When the buffer is full the pump waits, so a chatty process is slowed, never allowed to
 * grow the agent's memory; after the process ends its output stays readable until read. The
 * buffer starts small and grows only while output waits to be read: most processes print a few
 * lines, and a buffer the size of the bound for each stream of each process would outlive a young
 * collection and fill the old generation.
 */
final class StreamBuffer {
    static final int CAPACITY = 1 << 20;
    static final int INITIAL = 8192;

    private byte[] buffer = new byte[INITIAL];
    private int start;
    private int size;
    private boolean closed;

    /** Starts a daemon thread copying {@code in} into this buffer until end of stream. */
    static StreamBuffer pump(InputStream in, String name) {
        StreamBuffer out = new StreamBuffer();
        Thread thread = new Thread(() -> out.copyFrom(in), name);
        thread.setDaemon(true);
        thread.start();
        return out;
    }

    void copyFrom(InputStream in) {
        byte[] chunk = new byte[INITIAL];
        try (in) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                write(chunk, n);
            }
        } catch (IOException | InterruptedException e) {
            // the stream ends here; what was read stays readable
        } finally {
            close();
        }
    }

    private synchronized void write(byte[] chunk, int n) throws InterruptedException {
        int written = 0;
        while (written < n) {
            while (size == CAPACITY) {
                wait();
            }
            if (size == buffer.length) {
                resize(Math.min(CAPACITY, buffer.length * 2));
            }
            int tail = (start + size) % buffer.length;
            int count = Math.min(n - written, Math.min(buffer.length - size, buffer.length - tail));
            System.arraycopy(chunk, written, buffer, tail, count);
            size += count;
            written += count;
            notifyAll();
        }
    }

    /** Moves what waits to the start of a buffer of {@code length} bytes. */
    private void resize(int length) {
        byte[] resized = new byte[length];
        int first = Math.min(size, buffer.length - start);
        System.arraycopy(buffer, start, resized, 0, first);
        System.arraycopy(buffer, 0, resized, first, size - first);
        buffer = resized;
        start = 0;
    }

    private synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Up to {@code max} bytes, waiting for some; an empty array at end of stream. */
    synchronized byte[] read(int max) throws InterruptedException {
        while (size == 0 && !closed) {
            wait();
        }
        int count = Math.min(max, size);
        byte[] out = new byte[count];
        int first = Math.min(count, buffer.length - start);
        System.arraycopy(buffer, start, out, 0, first);
        System.arraycopy(buffer, 0, out, first, count - first);
        start = (start + count) % buffer.length;
        size -= count;
        if (size == 0 && buffer.length > INITIAL) {
            resize(INITIAL);
        }
        notifyAll();
        return out;
    }

    /** The bytes held for output that waits to be read. */
    synchronized int capacity() {
        return buffer.length;
    }
}
