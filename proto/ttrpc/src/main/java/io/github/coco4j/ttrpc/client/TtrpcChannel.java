package io.github.coco4j.ttrpc.client;

import io.github.coco4j.ttrpc.DaemonThreads;
import io.github.coco4j.ttrpc.TtrpcAddress;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java channel that speaks ttrpc, so generated stubs (blocking, future, async) call ttrpc
 * servers unchanged. Calls share one connection, opened on the first call and again on the call
 * after it was lost; calls in flight when it drops fail UNAVAILABLE. Unary methods only.
 *
 * <p>Threads, all daemons: one reading the connection, one timing deadlines (started by the
 * first call with a deadline), and the pool running listener callbacks.
 *
 * <pre>
 * TtrpcChannel channel = TtrpcChannel.connect("unix:///run/kata-containers/agent.sock");
 * HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, SECONDS).check(request);
 * </pre>
 */
public final class TtrpcChannel extends ManagedChannel {
    private final TtrpcAddress address;
    private final DaemonThreads readers = new DaemonThreads("ttrpc-client-conn");
    private final ScheduledExecutorService deadlines = DaemonThreads.deadlineTimer("ttrpc-client-deadline");
    /** Runs listener callbacks of calls whose CallOptions name no executor, off the reading thread. */
    private final ExecutorService callbacks = Executors.newCachedThreadPool(new DaemonThreads("ttrpc-client-call"));

    /** Guarded by this. */
    private ClientConnection connection;
    private final Set<TtrpcClientCall<?, ?>> calls = new HashSet<>();
    private boolean shutdown;
    private boolean terminating;

    private TtrpcChannel(TtrpcAddress address) {
        this.address = address;
    }

    /** A channel to {@code address} (see {@link TtrpcAddress}); it connects on the first call. */
    public static TtrpcChannel connect(String address) {
        return new TtrpcChannel(TtrpcAddress.parse(address));
    }

    public static TtrpcChannel connect(TtrpcAddress address) {
        return new TtrpcChannel(address);
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> newCall(MethodDescriptor<ReqT, RespT> method, CallOptions options) {
        return new TtrpcClientCall<>(this, method, options, options.getExecutor() != null ? options.getExecutor() : callbacks);
    }

    @Override
    public String authority() {
        return address.toString();
    }

    /** The live connection, opened now when there is none or it was lost. */
    synchronized ClientConnection connection() throws IOException {
        if (connection == null || connection.isClosed()) {
            connection = ClientConnection.open(address, readers);
        }
        return connection;
    }

    ScheduledExecutorService scheduler() {
        return deadlines;
    }

    /** Tracks a starting call; false once the channel is shut down. */
    synchronized boolean register(TtrpcClientCall<?, ?> call) {
        if (shutdown) {
            return false;
        }
        calls.add(call);
        return true;
    }

    synchronized void completed(TtrpcClientCall<?, ?> call) {
        calls.remove(call);
        if (shutdown && calls.isEmpty()) {
            terminate();
        }
    }

    /** New calls fail; calls in flight finish, then the connection and threads stop. */
    @Override
    public synchronized ManagedChannel shutdown() {
        shutdown = true;
        if (calls.isEmpty()) {
            terminate();
        }
        return this;
    }

    /** New calls fail and calls in flight fail UNAVAILABLE now. */
    @Override
    public ManagedChannel shutdownNow() {
        List<TtrpcClientCall<?, ?>> inFlight;
        synchronized (this) {
            shutdown = true;
            inFlight = new ArrayList<>(calls);
        }
        inFlight.forEach(TtrpcClientCall::abort);
        synchronized (this) {
            terminate();
        }
        return this;
    }

    /** Guarded by this; the callbacks pool still runs the listener callbacks queued so far. */
    private void terminate() {
        if (terminating) {
            return;
        }
        terminating = true;
        if (connection != null) {
            connection.close();
        }
        deadlines.shutdownNow();
        callbacks.shutdown();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        ClientConnection last = lastConnection();
        return deadlines.isTerminated() && callbacks.isTerminated() && (last == null || last.hasEnded());
    }

    /** The connection opened last; those before it have ended or are ending, lost. */
    private synchronized ClientConnection lastConnection() {
        return connection;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        ClientConnection last = lastConnection();
        return deadlines.awaitTermination(timeout, unit)
                && callbacks.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                && (last == null || last.awaitEnd(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
}
