package io.github.coco4j.agent.cgroups;

import io.github.coco4j.agent.backend.AgentException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * GetOOMEvent's source: polls the oom_kill counter in memory.events of each container's cgroup and
 * queues the id of a container whose counter went up. A poller waits for the next queued id; a
 * bounded number may wait at once, and closing the watch answers them with an error.
 */
public final class OomWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OomWatch.class.getName());
    /** Events nobody asked for yet; beyond this the oldest are dropped (the host would not catch up). */
    private static final int MAX_QUEUED = 1024;

    private final Supplier<Map<String, Path>> cgroups;
    private final Semaphore pollers;
    private final ScheduledExecutorService timer;
    private final ArrayDeque<String> events = new ArrayDeque<>();
    /** The last oom_kill count seen per container; a container's cgroup is new, so it starts at 0. */
    private final Map<String, Long> kills = new HashMap<>();
    private boolean closed;

    /** {@code cgroups}: the cgroup directory of each running container, by container id. */
    public OomWatch(Supplier<Map<String, Path>> cgroups, Duration period, int maxPollers) {
        this.cgroups = cgroups;
        this.pollers = new Semaphore(maxPollers);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oom-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a container to hit OOM; returns its id. */
    public String await() throws InterruptedException {
        if (!pollers.tryAcquire()) {
            throw new AgentException(AgentException.Kind.RESOURCE_EXHAUSTED, "too many GetOOMEvent calls are waiting");
        }
        try {
            synchronized (this) {
                while (events.isEmpty() && !closed) {
                    wait();
                }
                if (closed) {
                    throw new AgentException(AgentException.Kind.UNAVAILABLE, "the agent is shutting down");
                }
                return events.removeFirst();
            }
        } finally {
            pollers.release();
        }
    }

    void poll() {
        Map<String, Path> current = cgroups.get();
        synchronized (this) {
            kills.keySet().retainAll(current.keySet());
        }
        current.forEach((id, cgroup) -> {
            try {
                long count = CgroupFiles.flat(cgroup.resolve("memory.events")).getOrDefault("oom_kill", 0L);
                record(id, count);
            } catch (IOException | RuntimeException e) {
                LOG.fine(() -> "reading the OOM events of " + id + ": " + e.getMessage());
            }
        });
    }

    private synchronized void record(String id, long count) {
        Long previous = kills.put(id, count);
        if (count > (previous == null ? 0 : previous)) {
            LOG.info(() -> "container " + id + " hit OOM");
            if (events.size() == MAX_QUEUED) {
                events.removeFirst();
            }
            events.addLast(id);
            notifyAll();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
