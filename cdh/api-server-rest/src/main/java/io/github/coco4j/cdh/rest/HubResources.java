package io.github.coco4j.cdh.rest;

import io.github.coco4j.cdh.kbc.Kbc;
import io.github.coco4j.cdh.kbc.KbcException;
import io.github.coco4j.cdh.kbc.ResourceUri;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data hub's resources in the hub's own JVM: its KBC called directly, without a socket between.
 * A KBC call may block on the KBS, so it runs on a small pool rather than on the event loop; the
 * pool's threads exist only while there is work (a handful of local clients), and a full queue is
 * a failed request, not an unbounded backlog.
 */
final class HubResources implements ResourceSource {
    private static final int THREADS = 8;
    private static final int QUEUED = 1024;
    private static final long IDLE_SECONDS = 30;

    private final Kbc kbc;
    private final Duration deadline;
    private final ThreadPoolExecutor calls;

    HubResources(Kbc kbc, Duration deadline) {
        this.kbc = kbc;
        this.deadline = deadline;
        AtomicInteger count = new AtomicInteger();
        this.calls = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), task -> {
                    Thread thread = new Thread(task, "rest-resource-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        calls.allowCoreThreadTimeOut(true);
    }

    @Override
    public CompletableFuture<byte[]> resource(ResourcePath path) {
        // ResourcePath admits exactly the segments ResourceUri does, so this cannot throw.
        ResourceUri uri = new ResourceUri(path.repo(), path.type(), path.tag());
        // A cached resource is answered on the caller's thread: no hop to the pool and back.
        Optional<byte[]> cached = kbc.cached(uri);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        try {
            calls.execute(() -> fetch(uri, answer));
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new ResourceUnavailable("the data hub is busy", e));
        }
        return answer.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fetch(ResourceUri uri, CompletableFuture<byte[]> answer) {
        try {
            answer.complete(kbc.getResource(uri));
        } catch (KbcException e) {
            answer.completeExceptionally(new ResourceUnavailable("get resource failed: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(e);
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
