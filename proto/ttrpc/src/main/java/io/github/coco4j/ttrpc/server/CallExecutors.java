package io.github.coco4j.ttrpc.server;

import io.github.coco4j.ttrpc.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The threads a server runs its calls on, shared by the ttrpc and the gRPC transports. */
public final class CallExecutors {
    /** No bound on the threads: a call that waits long (a long poll) never delays another. */
    public static final int UNBOUNDED = 0;
    private static final long IDLE_SECONDS = 30;

    private CallExecutors() {
    }

    /**
     * At most {@code maxThreads} calls run at once (more wait their turn, in order; idle threads
     * end after 30 s), or one thread per call in flight with {@link #UNBOUNDED}.
     */
    public static ExecutorService of(String name, int maxThreads) {
        DaemonThreads threads = new DaemonThreads(name);
        if (maxThreads == UNBOUNDED) {
            return Executors.newCachedThreadPool(threads);
        }
        if (maxThreads < 0) {
            throw new IllegalArgumentException("maxThreads must not be negative, not " + maxThreads);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(maxThreads, maxThreads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
