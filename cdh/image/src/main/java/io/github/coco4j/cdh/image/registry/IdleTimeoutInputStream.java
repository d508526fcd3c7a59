package io.github.coco4j.cdh.image.registry;

import io.github.coco4j.cdh.image.stream.CheckedFilterInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that is closed when no byte arrives for the idle timeout: the JDK client bounds the
 * wait for headers only, and a registry that stalls mid-blob must not hold a pull for ever.
 */
final class IdleTimeoutInputStream extends CheckedFilterInputStream {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-idle-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final long idleNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration idle) {
        super(in);
        this.idleNanos = idle.toNanos();
        long period = Math.max(50, idle.toMillis() / 4);
        this.check = WATCHDOG.scheduleAtFixedRate(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeIfIdle() {
        if (System.nanoTime() - lastProgress > idleNanos) {
            timedOut = true;
            check.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // The reader sees the timeout below; a failure to close adds nothing.
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (timedOut) {
                throw new IOException("registry sent nothing for " + idleNanos / 1_000_000 + " ms; gave up");
            }
            lastProgress = System.nanoTime();
            return n;
        } catch (IOException e) {
            throw timedOut ? new IOException("registry sent nothing for " + idleNanos / 1_000_000 + " ms; gave up", e) : e;
        }
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
