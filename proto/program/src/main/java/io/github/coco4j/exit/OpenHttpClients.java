package io.github.coco4j.exit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP clients a program has made, stopped when it exits.
 *
 * <p>Each JDK client has a selector thread that waits in native code for as long as the client
 * lives, and the JVM, once its shutdown hooks have run, waits up to 300 ms for every thread in
 * native code before it exits: a command that made one HTTP request, or a daemon sent SIGTERM,
 * took 300 ms longer to end. {@link #stopAll()} (a shutdown hook {@code Cli} registers) asks each
 * client to shut down: requests under way finish, no new one starts, and its selector thread ends.
 * That needs {@code HttpClient.shutdown()}, which JDK 21 added; on older JVMs the clients stay as
 * they are and the exit waits as before.
 *
 * <p>Every client also runs its own tasks (reading an answer, completing a request) on the
 * program's {@linkplain #WORKER_PREFIX shared workers}: left to itself, each client makes a pool
 * that grows with the requests under way (a dozen threads and their stacks in the data hub under
 * a burst of uncached resource requests). Those tasks are short and never block, so as many
 * threads as processors keep up, and they end once idle. The selector threads stay the clients'.
 */
public final class OpenHttpClients {
    /** Weakly held: a client nobody uses any more is collected, and stops, on its own. */
    private static final Set<HttpClient> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private OpenHttpClients() {
    }

    /** The name of each shared worker thread starts so. */
    public static final String WORKER_PREFIX = "http-worker-";

    /** Builds the client on the shared workers and keeps it to be stopped at exit. */
    public static HttpClient build(HttpClient.Builder builder) {
        HttpClient client = builder.executor(Workers.POOL).build();
        OPEN.add(client);
        return client;
    }

    /** Whether this JVM can stop a client ({@code HttpClient.shutdown()}, JDK 21 and later). */
    public static boolean canStop() {
        return Shutdown.METHOD != null;
    }

    /** Shuts down every client made through {@link #build}; returns how many were asked to. */
    public static int stopAll() {
        List<HttpClient> clients;
        synchronized (OPEN) {
            clients = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        if (clients.isEmpty() || Shutdown.METHOD == null) {
            return 0;
        }
        for (HttpClient client : clients) {
            try {
                Shutdown.METHOD.invoke(client);
            } catch (Throwable e) { // a client that cannot stop is left to the JVM's exit
            }
        }
        return clients.size();
    }

    /**
     * {@code HttpClient.shutdown()}, looked up only once a program has a client to stop: every
     * program ends through {@link #stopAll()}, and most never load the HTTP client's classes.
     */
    private static final class Shutdown {
        static final MethodHandle METHOD = find();

        private static MethodHandle find() {
            try {
                return MethodHandles.publicLookup().findVirtual(HttpClient.class, "shutdown",
                        MethodType.methodType(void.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
        }
    }

    /** Made once a program has a client: most never do. */
    private static final class Workers {
        static final ThreadPoolExecutor POOL = create();

        private static ThreadPoolExecutor create() {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            AtomicInteger count = new AtomicInteger();
            // Unbounded queue: a client must never have a task refused, and its tasks are bounded by
            // the requests under way, which their callers bound.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, WORKER_PREFIX + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
