package io.github.coco4j.ttrpc.client;

import io.github.coco4j.ttrpc.EpollTransport;
import io.github.coco4j.ttrpc.TtrpcAddress;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
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
 * <pre>
 * TtrpcChannel channel = TtrpcChannel.connect("unix:///run/kata-containers/agent.sock");
 * HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, SECONDS).check(request);
 * </pre>
 */
public final class TtrpcChannel extends ManagedChannel {
    private final TtrpcAddress address;
    private final EventLoopGroup eventLoop = EpollTransport.eventLoops(1, "ttrpc-client");
    /** Runs listener callbacks of calls whose CallOptions name no executor, off the event loop. */
    private final ExecutorService callbacks = Executors.newCachedThreadPool(new DefaultThreadFactory("ttrpc-client-call", true));

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
    synchronized ClientConnection connection() {
        if (connection == null || connection.isClosed()) {
            connection = ClientConnection.open(address, eventLoop);
        }
        return connection;
    }

    ScheduledExecutorService scheduler() {
        return eventLoop;
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
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        callbacks.shutdown();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return eventLoop.isTerminated() && callbacks.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!eventLoop.awaitTermination(timeout, unit)) {
            return false;
        }
        return callbacks.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
