package io.github.coco4j.cdh.image.stream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that checks what passes through it (a digest, an HMAC, progress): every byte goes
 * through {@link #read(byte[], int, int)}, single-byte reads and skips included, so none can
 * bypass the check as {@link FilterInputStream#skip} would.
 */
public abstract class CheckedFilterInputStream extends FilterInputStream {
    protected CheckedFilterInputStream(InputStream in) {
        super(in);
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public final boolean markSupported() {
        return false;
    }
}
