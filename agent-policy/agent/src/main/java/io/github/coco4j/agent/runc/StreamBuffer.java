package io.github.coco4j.agent.runc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Output of a process, pumped from its pipe into a bounded buffer that ReadStdout/ReadStderr
 * drain. When the buffer is full the pump waits, so a chatty process is slowed, never allowed to
 * grow the agent's memory; after the process ends its output stays readable until read.
 */
final class StreamBuffer {
    static final int CAPACITY = 1 << 20;

    private final byte[] buffer = new byte[CAPACITY];
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

    private void copyFrom(InputStream in) {
        byte[] chunk = new byte[8192];
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
            int tail = (start + size) % CAPACITY;
            int count = Math.min(n - written, Math.min(CAPACITY - size, CAPACITY - tail));
            System.arraycopy(chunk, written, buffer, tail, count);
            size += count;
            written += count;
            notifyAll();
        }
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
        int first = Math.min(count, CAPACITY - start);
        System.arraycopy(buffer, start, out, 0, first);
        System.arraycopy(buffer, 0, out, first, count - first);
        start = (start + count) % CAPACITY;
        size -= count;
        notifyAll();
        return count == 0 ? new byte[0] : Arrays.copyOf(out, count);
    }
}
