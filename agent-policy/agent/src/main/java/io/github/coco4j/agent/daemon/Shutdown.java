package io.github.coco4j.agent.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The agent's one way to stop, shared by the JVM's shutdown hook (SIGTERM) and the main thread
 * (the server ended): the first caller runs every step, in the order they were added, and a
 * concurrent caller waits until they are done, so the JVM cannot halt while containers are still
 * being removed. A step added after the shutdown ran runs at once.
 */
final class Shutdown implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());

    private final List<Runnable> steps = new ArrayList<>();
    private boolean done;

    /** Adds a step; a step that fails is logged and the next ones still run. */
    void add(Runnable step) {
        synchronized (this) {
            if (!done) {
                steps.add(step);
                return;
            }
        }
        runQuietly(step);
    }

    /** Runs the steps once; returns when they are done, whichever thread ran them. */
    @Override
    public synchronized void close() {
        if (done) {
            return;
        }
        done = true;
        steps.forEach(Shutdown::runQuietly);
        steps.clear();
    }

    /** Also on SIGTERM: the hook waits for the steps, so they finish before the JVM halts. */
    Shutdown onSigterm() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "agent-shutdown"));
        return this;
    }

    private static void runQuietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warning(() -> "shutdown: " + e.getMessage());
        }
    }
}
