package io.github.coco4j.ttrpc;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names threads {@code NAME-1}, {@code NAME-2} … and makes them daemons, so that a forgotten
 * channel or server never keeps a JVM alive.
 */
public final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    public DaemonThreads(String name) {
        this.name = name;
    }

    /**
     * One daemon thread, {@code NAME-1}, that times the calls' deadlines; started by the first
     * deadline. A call that ends in time takes its timer out at once rather than leaving it queued.
     */
    public static ScheduledExecutorService deadlineTimer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
